package org.zoneplan;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.zoneplan.cli.ExchangeCommand;

/**
 * Entry point: the zoneplan HTTP server, or with {@code import}, {@code export} or {@code report}
 * as the first argument a command-line run without the server ({@link ExchangeCommand}).
 */
@SpringBootApplication
public class ZoneplanApplication {
  public static void main(String[] args) {
    if (ExchangeCommand.isCommand(args)) {
      System.exit(ExchangeCommand.run(ZoneplanApplication.class, args, System.out, System.err));
    }
    SpringApplication.run(ZoneplanApplication.class, args);
  }
}
