package org.zoneplan.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * zoneplan in a JVM of its own, so a test can kill it with SIGKILL and start it again on the same
 * store. Uses the test JVM's class path.
 */
public final class ServerProcess implements AutoCloseable {
  private final List<String> arguments;
  private final Path log;
  private Process process;
  private int port;

  /**
   * @param arguments Spring properties as {@code --name=value}
   */
  public ServerProcess(Path log, String... arguments) {
    this.log = log;
    this.arguments = List.of(arguments);
  }

  public int port() {
    return port;
  }

  public ServerProcess start() throws IOException, InterruptedException {
    port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("org.zoneplan.ZoneplanApplication");
    command.add("--server.port=" + port);
    command.addAll(arguments);
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    Http http = new Http(port);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "server exited with " + process.exitValue() + "; see " + log);
      }
      try {
        if (http.get("/api/plans").status() == 200) {
          return this;
        }
      } catch (RuntimeException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("server did not start within 90 s; see " + log);
  }

  /** SIGKILL: no shutdown hook, no flush, no commit of what is in flight. */
  public void kill() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      process.waitFor();
    }
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
