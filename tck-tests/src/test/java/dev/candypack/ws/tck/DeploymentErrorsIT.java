package dev.candypack.ws.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candypack.ws.tck.broken.duplicate.DuplicateRoutes;
import dev.candypack.ws.tck.broken.nosocket.NoSocketRoutes;
import dev.candypack.ws.tck.broken.producer.NotAHandlerRoutes;
import dev.candypack.ws.tck.broken.template.BadTemplateRoutes;
import dev.candypack.ws.tck.broken.unresolved.UnresolvedRoutes;
import dev.candypack.ws.tck.broken.unresolvedproducer.UnresolvedProducerRoutes;
import dev.candypack.ws.tck.routes.TestRoutes;
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
 * Wrong route definitions fail their deployment with a message that names the class and the method,
 * and leave the server running. One Payara Micro serves every broken WAR and a good one, so the
 * test also shows that the good application keeps working beside the failed ones.
 *
 * <p>Not an Arquillian test: Payara Micro stays up when an application fails to deploy, so the
 * adapter cannot report the failure; the server's own log is what a developer reads.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeploymentErrorsIT {

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
    deploy(command, dir, Server.war("good").addPackage(TestRoutes.class.getPackage()));
    deploy(command, dir, Server.war("duplicate").addClass(DuplicateRoutes.class));
    deploy(command, dir, Server.war("producer").addClass(NotAHandlerRoutes.class));
    deploy(command, dir, Server.war("nosocket").addClass(NoSocketRoutes.class));
    deploy(command, dir, Server.war("template").addClass(BadTemplateRoutes.class));
    deploy(command, dir, Server.war("unresolved").addClasses(UnresolvedRoutes.class));
    deploy(
        command, dir, Server.war("unresolvedproducer").addClasses(UnresolvedProducerRoutes.class));
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

  private static void assertLogged(String... parts) {
    String log = LOG.toString();
    for (String part : parts) {
      assertTrue(log.contains(part), "the log names '" + part + "':\n" + log);
    }
  }

  @Test
  void twoRoutesForTheSamePathsNameBothMethods() {
    assertLogged(
        "two routes match the same paths",
        DuplicateRoutes.class.getName() + ".first(CandySocket)",
        DuplicateRoutes.class.getName() + ".second(CandySocket)");
  }

  @Test
  void aProducerThatReturnsNoHandlerIsNamed() {
    assertLogged(
        NotAHandlerRoutes.class.getName() + ".notAHandler()",
        "must return a CandyHandler or an AsyncCandyHandler");
  }

  @Test
  void aShorthandWithoutAConnectionParameterIsNamed() {
    assertLogged(
        NoSocketRoutes.class.getName() + ".withoutSocket(Candy)", "has no CandySocket parameter");
  }

  @Test
  void anInvalidTemplateIsNamed() {
    assertLogged(
        BadTemplateRoutes.class.getName() + ".badTemplate(CandySocket)",
        "has an invalid template",
        "/room/x{roomId}");
  }

  @Test
  void aParameterCdiCannotResolveIsNamed() {
    assertLogged(
        UnresolvedRoutes.class.getName() + ".unresolved(CandySocket, NobodyImplementsMe)",
        "cannot be injected");
    assertLogged("NobodyImplementsMeEither", UnresolvedProducerRoutes.class.getName());
  }

  @Test
  @Order(1)
  void theServerAndTheGoodApplicationKeepRunning() throws Exception {
    URI echo = URI.create("ws://127.0.0.1:" + port + "/good/echo");
    try (WsClient client = WsClient.connect(echo)) {
      client.send("{\"still\":\"alive\"}");
      assertEquals("alive", client.nextJson().getJsonObject("data").getString("still"));
    }
    assertTrue(payara.isAlive());
    new URL("http://127.0.0.1:" + port + "/good/stats").openStream().close();
  }

  @Test
  @Order(Integer.MAX_VALUE) // stops the server
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
