package dev.candypack.ws.tck;

import dev.candypack.ws.tck.storm.StormRoutes;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The close storms on a Payara Micro that the test starts itself, so that it can read the server's
 * whole log: the example WAR at {@code /} and the refusing routes at {@code /storm}.
 */
class PayaraCloseStormIT extends CloseStormContract {

  private static MicroNode node;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    Path example = dir.resolve("ROOT.war");
    Files.copy(ExampleWar.file(), example);
    Path storm = dir.resolve("storm.war");
    Server.war("storm")
        .addPackage(StormRoutes.class.getPackage())
        .as(ZipExporter.class)
        .exportTo(storm.toFile(), true);
    node =
        MicroNode.start(
            "storm",
            List.of(),
            List.of("--nocluster", "--deploy", example.toString(), "--deploy", storm.toString()));
    node.awaitReady();
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) {
      node.stop();
      // For whoever reads a failure: the whole log, beside the test reports.
      Files.writeString(Path.of("target/storm-payara.log"), node.log());
    }
  }

  @Override
  URI ws(String path) {
    return node.ws(path);
  }

  @Override
  URI http(String path) {
    return node.http("/" + path);
  }

  @Override
  String serverLog() {
    return node.log();
  }
}
