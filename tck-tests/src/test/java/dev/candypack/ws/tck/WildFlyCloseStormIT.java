package dev.candypack.ws.tck;

import dev.candypack.ws.tck.storm.StormRoutes;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The close storms on the managed WildFly: the example WAR at {@code /} and the refusing routes at
 * {@code /storm}; the log is the server's {@code server.log}.
 */
@ExtendWith(ArquillianExtension.class)
class WildFlyCloseStormIT extends CloseStormContract {

  @Deployment(name = "example", testable = false)
  static WebArchive example() {
    return ExampleWar.named("ROOT.war");
  }

  @Deployment(name = "storm", testable = false)
  static WebArchive storm() {
    return Server.war("storm").addPackage(StormRoutes.class.getPackage());
  }

  @ArquillianResource
  @OperateOnDeployment("example")
  URL example;

  @Override
  URI ws(String path) {
    return URI.create("ws://127.0.0.1:" + example.getPort() + path);
  }

  @Override
  URI http(String path) {
    return URI.create("http://127.0.0.1:" + example.getPort() + "/" + path);
  }

  @Override
  String serverLog() throws Exception {
    Path log = Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log");
    return Files.readString(log, StandardCharsets.UTF_8);
  }
}
