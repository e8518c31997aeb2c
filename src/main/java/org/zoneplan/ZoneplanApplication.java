package org.zoneplan;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point: the zoneplan HTTP server. */
@SpringBootApplication
public class ZoneplanApplication {
  public static void main(String[] args) {
    SpringApplication.run(ZoneplanApplication.class, args);
  }
}
