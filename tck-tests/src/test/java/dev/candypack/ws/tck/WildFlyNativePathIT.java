package dev.candypack.ws.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candypack.ws.tck.routes.TestRoutes;
import dev.candypack.ws.test.CandyApp;
import dev.candypack.ws.test.CandyTestClient;
import dev.candypack.ws.test.CandyWar;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The native send path on WildFly, in the mode the run gives the server ({@code -Dcandy.native}):
 * room messages of each length form, non-ASCII text, binary and pings arrive as on Jakarta
 * WebSocket, and the server shows which path its connections took: the adapter's log line, and its
 * senders in the server's heap (one per open connection that sends natively, none when off).
 */
@ExtendWith(ArquillianExtension.class)
class WildFlyNativePathIT {

  private static final String MODE = System.getProperty("candy.native", "off");
  private static final String SENDER = "dev.candypack.ws.impl.transport.undertow.UndertowSender";
  private static final String LOADED =
      "candy-ws: sending natively through"
          + " dev.candypack.ws.impl.transport.undertow.UndertowContainer";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return CandyWar.addProbe(Server.war("native").addPackage(TestRoutes.class.getPackage()));
  }

  @ArquillianResource URL url;

  @Test
  void roomMessagesGoOutThroughThePathOfTheMode() throws Exception {
    CandyApp app = new Server(url).app();
    List<CandyTestClient> members = new ArrayList<>();
    try {
      for (int i = 1; i <= 3; i++) {
        CandyTestClient member = app.connect("cmd");
        members.add(member);
        member.sendJson(Map.of("op", "join", "room", "native"));
        app.awaitRoomSize("native", i);
      }
      CandyTestClient sender = members.get(0);
      // One-byte, two-byte and eight-byte lengths; 4-byte characters; then binary and a ping.
      List<String> texts =
          List.of("short ✓", "é".repeat(100), "Grüße 😀 ".repeat(20), "x".repeat(70_000));
      for (String text : texts) {
        sender.sendJson(Map.of("op", "to", "room", "native", "msg", text));
      }
      sender.sendJson(Map.of("op", "to-binary", "room", "native", "msg", "bytes ✓"));
      sender.sendJson(Map.of("op", "ping"));
      for (CandyTestClient member : members) {
        for (String text : texts) {
          assertEquals(text, member.next());
        }
        assertArrayEquals("bytes ✓".getBytes(StandardCharsets.UTF_8), member.nextBinary());
      }
      assertEquals("pong", sender.nextJson().getString("event"), "the ping came after them");

      long senders = liveInstances(SENDER);
      if (MODE.equalsIgnoreCase("off")) {
        assertEquals(0, senders, "off: every connection sends through Jakarta WebSocket");
      } else {
        assertTrue(senders >= 3, MODE + ": each open connection has its native sender: " + senders);
        assertTrue(serverLog().contains(LOADED), MODE + ": the server logged '" + LOADED + "'");
      }
      for (CandyTestClient member : members) {
        assertFalse(member.hasNext(), "nothing more");
      }
    } finally {
      members.forEach(CandyTestClient::close);
    }
  }

  private static String serverLog() throws IOException {
    Path log = Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log");
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  /**
   * The live instances of a class in the server's heap, as {@code jcmd GC.class_histogram} counts.
   */
  private static long liveInstances(String className) throws Exception {
    Process jcmd =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(serverPid()),
                "GC.class_histogram")
            .redirectErrorStream(true)
            .start();
    String histogram = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(jcmd.waitFor(60, TimeUnit.SECONDS) && jcmd.exitValue() == 0, histogram);
    // "   42:   3   72  dev.candypack....UndertowSender": rank, instances, bytes, class
    return histogram
        .lines()
        .map(line -> line.trim().split("\\s+"))
        .filter(columns -> columns.length >= 4 && columns[3].equals(className))
        .mapToLong(columns -> Long.parseLong(columns[1]))
        .sum();
  }

  /** The managed WildFly's process: the one started from this run's server directory. */
  private static long serverPid() {
    String home =
        "-Djboss.home.dir="
            + Path.of(System.getProperty("jboss.home")).toAbsolutePath().normalize();
    List<ProcessHandle> servers =
        ProcessHandle.allProcesses()
            .filter(p -> p.info().commandLine().map(line -> line.contains(home)).orElse(false))
            .toList();
    assertEquals(1, servers.size(), "one WildFly started with " + home);
    return servers.get(0).pid();
  }
}
