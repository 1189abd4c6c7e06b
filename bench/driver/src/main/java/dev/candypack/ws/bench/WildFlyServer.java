package dev.candypack.ws.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A WildFly (its {@code standalone.xml}, unpacked by the build) serving the benchmark WARs, each at
 * the context root of its file name, started with {@code bin/standalone.sh} and stopped by the
 * driver. Each start gets a base folder of its own next to the WARs (a copy of the configuration,
 * the WARs in its deployment scanner's folder, its data and temporary files: removed at the stop)
 * and free loopback ports; its console output goes to a log file next to the WARs.
 */
final class WildFlyServer implements BenchServer {

  private static final long START_SECONDS = 240;
  private static final long STOP_SECONDS = 30;

  private final Process script;
  private final Path base;
  private final int port;
  private final Path log;
  private volatile ProcessHandle java;

  private WildFlyServer(Process script, Path base, int port, Path log) {
    this.script = script;
    this.base = base;
    this.port = port;
    this.log = log;
    this.java = script.toHandle();
  }

  /**
   * Starts WildFly and waits until every WAR is deployed and answers.
   *
   * @param home the WildFly installation, left unchanged
   * @param wars the benchmark WARs
   * @param jvmOptions options for the server's JVM, such as its heap; they replace the defaults of
   *     {@code bin/standalone.conf}
   * @return the running server
   * @throws Exception when it does not start in time or a WAR fails to deploy
   */
  static WildFlyServer start(Path home, List<Path> wars, List<String> jvmOptions) throws Exception {
    Path script = home.resolve("bin/standalone.sh");
    if (!Files.isRegularFile(script)) {
      throw new IllegalStateException(
          "no WildFly at " + home + ": build bench/driver (bench/run.sh does) or set wildfly.home");
    }
    int port = WsServer.freePort();
    Path dir = wars.get(0).toAbsolutePath().getParent();
    Path base = dir.resolve("wildfly-base-" + port);
    Path log = dir.resolve("wildfly-" + port + ".log");
    deleteTree(base);
    copyTree(home.resolve("standalone/configuration"), base.resolve("configuration"));
    Path deployments = Files.createDirectories(base.resolve("deployments"));
    for (Path war : wars) {
      Files.copy(war, deployments.resolve(war.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                script.toString(),
                "-Djboss.server.base.dir=" + base,
                "-Djboss.bind.address=127.0.0.1",
                "-Djboss.bind.address.management=127.0.0.1",
                "-Djboss.http.port=" + port,
                "-Djboss.https.port=" + WsServer.freePort(),
                "-Djboss.management.http.port=" + WsServer.freePort(),
                "-Djboss.management.https.port=" + WsServer.freePort()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("JAVA_HOME", System.getProperty("java.home"));
    // What bin/standalone.conf sets when JAVA_OPTS is empty, with the benchmark's heap instead.
    env.put(
        "JAVA_OPTS",
        String.join(" ", jvmOptions)
            + " -Djava.net.preferIPv4Stack=true -Djboss.modules.system.pkgs=org.jboss.byteman"
            + " -Djava.awt.headless=true");
    // The script then runs the JVM as its child, forwards TERM to it and writes its pid.
    env.put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
    env.put("JBOSS_PIDFILE", base.resolve("server.pid").toString());
    Process process = builder.start();
    WildFlyServer server = new WildFlyServer(process, base, port, log);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    // WFLYSRV0025: started; WFLYSRV0026: started with errors (a failed deployment, reported below).
    CompletableFuture<Void> ready =
        BenchServer.copyOutput(
            process,
            log,
            line -> line.contains("WFLYSRV0025") || line.contains("WFLYSRV0026"),
            "wildfly-log");
    try {
      ready.get(START_SECONDS, TimeUnit.SECONDS);
      server.java = server.javaProcess();
      for (Path war : wars) {
        awaitDeployed(deployments, war.getFileName().toString());
      }
      BenchServer.awaitWars(server, wars, 60);
    } catch (Exception e) {
      server.close();
      throw new IllegalStateException("WildFly did not start; see " + log, e);
    }
    return server;
  }

  /** The JVM the script started, from the pid file the script writes. */
  private ProcessHandle javaProcess() throws IOException {
    long pid = Long.parseLong(Files.readString(base.resolve("server.pid")).trim());
    return ProcessHandle.of(pid)
        .orElseThrow(() -> new IllegalStateException("WildFly's JVM " + pid + " is not running"));
  }

  /**
   * The deployment scanner marks each WAR when it is done: {@code .deployed} or {@code .failed}.
   */
  private static void awaitDeployed(Path deployments, String war) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(deployments.resolve(war + ".deployed"))) {
      Path failed = deployments.resolve(war + ".failed");
      if (Files.exists(failed)) {
        throw new IllegalStateException(war + " failed to deploy: " + Files.readString(failed));
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(war + " was not deployed in time");
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }

  @Override
  public int port() {
    return port;
  }

  /**
   * The JVM's process id (not the script's), to measure its CPU time.
   *
   * @return the pid
   */
  @Override
  public long pid() {
    return java.pid();
  }

  @Override
  public Path log() {
    return log;
  }

  /** Asks the JVM to shut down, kills it when it takes longer than the grace, then the script. */
  @Override
  public void close() {
    ProcessHandle jvm = java;
    if (jvm.isAlive() && jvm.pid() != script.pid()) {
      jvm.destroy();
      try {
        jvm.onExit().get(STOP_SECONDS, TimeUnit.SECONDS);
      } catch (Exception e) {
        jvm.destroyForcibly();
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
      }
    }
    WsServer.stop(script, 10);
    try {
      deleteTree(base);
    } catch (IOException | UncheckedIOException e) {
      System.err.println("could not remove " + base + ": " + e);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(file);
      }
    }
  }
}
