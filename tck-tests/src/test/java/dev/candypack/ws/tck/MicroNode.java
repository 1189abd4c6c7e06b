package dev.candypack.ws.tck;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A Payara Micro process that the test starts, reads and stops itself: for tests that need more
 * than the one server the Arquillian adapter manages, or need to kill one.
 */
final class MicroNode {

  final String name;
  final int port;
  private final Process process;
  private final StringBuffer log = new StringBuffer();
  private final CountDownLatch ready = new CountDownLatch(1);

  private MicroNode(String name, int port, List<String> command) throws IOException {
    this.name = name;
    this.port = port;
    this.process = new ProcessBuilder(command).redirectErrorStream(true).start();
    Thread reader = new Thread(this::read, "log of " + name);
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts Payara Micro on a free HTTP port.
   *
   * @param name for messages
   * @param jvmOptions options before {@code -jar}
   * @param microOptions Payara Micro's own options (deployments, clustering), the port excluded
   */
  static MicroNode start(String name, List<String> jvmOptions, List<String> microOptions)
      throws Exception {
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(System.getProperty("java.home") + "/bin/java");
    command.add("-Xmx512m");
    // The send path the whole TCK runs with (-Dcandy.native=off|auto|on), as the Arquillian ones.
    command.add("-Dcandy.ws.native-transport=" + System.getProperty("candy.native", "off"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", microJar(), "--port", "" + port));
    command.addAll(microOptions);
    return new MicroNode(name, port, command);
  }

  private void read() {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        log.append(line).append('\n');
        if (line.contains("Payara Micro") && line.contains("ready in")) {
          ready.countDown();
        }
      }
    } catch (IOException e) {
      // The process ended.
    }
  }

  void awaitReady() throws InterruptedException {
    assertTrue(
        ready.await(300, TimeUnit.SECONDS), name + ": Payara Micro did not start:\n" + log());
  }

  URI ws(String path) {
    return URI.create("ws://127.0.0.1:" + port + path);
  }

  URI http(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  String log() {
    return log.toString();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Kills the process at once (SIGKILL): no undeploy, no goodbye to the cluster. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** Stops the process cleanly, or kills it when it takes too long. */
  void stop() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        kill();
      }
    }
  }

  static String microJar() {
    String jar = System.getProperty("payara.microJar", "target/payara-micro.jar");
    assertTrue(Files.exists(Path.of(jar)), "no Payara Micro at " + jar);
    return jar;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
