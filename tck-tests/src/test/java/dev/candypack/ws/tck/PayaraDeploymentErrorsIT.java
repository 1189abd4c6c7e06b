package dev.candypack.ws.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@link DeploymentErrorsContract} on Payara Micro: one Payara Micro serves every broken WAR and
 * the good one, and its log is what a developer reads.
 *
 * <p>Not an Arquillian test: Payara Micro stays up when an application fails to deploy, so the
 * adapter cannot report the failure; the server's own log is what a developer reads.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PayaraDeploymentErrorsIT extends DeploymentErrorsContract {

  private static Process payara;
  private static final StringBuffer LOG = new StringBuffer();
  private static int port;

  @BeforeAll
  static void deployEverything(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    List<String> command = new ArrayList<>();
    String java = System.getProperty("java.home") + "/bin/java";
    port = freePort();
    command.addAll(
        List.of(java, "-Xmx768m", "-jar", microJar(), "--nocluster", "--port", "" + port));
    deploy(command, dir, good());
    for (String name : BROKEN) {
      deploy(command, dir, broken(name));
    }
    payara = new ProcessBuilder(command).redirectErrorStream(true).start();
    CountDownLatch ready = new CountDownLatch(1);
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(payara.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  LOG.append(line).append('\n');
                  if (line.contains("Payara Micro") && line.contains("ready in")) {
                    ready.countDown();
                  }
                }
              } catch (java.io.IOException e) {
                // The process ended.
              }
            });
    reader.setDaemon(true);
    reader.start();
    assertTrue(ready.await(240, TimeUnit.SECONDS), "Payara Micro did not start:\n" + LOG);
  }

  @AfterAll
  static void stop() throws Exception {
    if (payara != null) {
      payara.destroy();
      if (!payara.waitFor(30, TimeUnit.SECONDS)) {
        payara.destroyForcibly();
      }
    }
  }

  private static void deploy(List<String> command, Path dir, WebArchive war) {
    File file = dir.resolve(war.getName()).toFile();
    war.as(ZipExporter.class).exportTo(file, true);
    command.addAll(List.of("--deploy", file.getAbsolutePath()));
  }

  private static String microJar() {
    String jar = System.getProperty("payara.microJar", "target/payara-micro.jar");
    assertTrue(Files.exists(Path.of(jar)), "no Payara Micro at " + jar);
    return jar;
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Payara Micro logs every failure in one log; the deployments all ran at start-up. */
  @Override
  String failureOf(String deployment) {
    return LOG.toString();
  }

  @Override
  Server goodApplication() throws Exception {
    assertTrue(payara.isAlive(), "Payara Micro is still running");
    return new Server(new URL("http://127.0.0.1:" + port + "/good/"));
  }

  @Test
  @Order(Integer.MAX_VALUE) // stops the server, so it runs last
  void shuttingTheServerDownClosesEverySocketWith1001() throws Exception {
    try (WsClient first = WsClient.connect(URI.create("ws://127.0.0.1:" + port + "/good/cmd"));
        WsClient second = WsClient.connect(URI.create("ws://127.0.0.1:" + port + "/good/echo"))) {
      first.send("{\"op\":\"id\"}");
      first.next();
      payara.destroy(); // SIGTERM: Payara Micro undeploys its applications and stops
      assertEquals(1001, first.awaitClose().getCloseCode().getCode());
      assertEquals(1001, second.awaitClose().getCloseCode().getCode());
    }
  }
}
