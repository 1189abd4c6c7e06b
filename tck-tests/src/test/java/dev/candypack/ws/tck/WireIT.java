package dev.candypack.ws.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.candypack.ws.tck.RawSocket.WireFrame;
import dev.candypack.ws.tck.routes.TestRoutes;
import dev.candypack.ws.tck.routes.WireRoutes;
import dev.candypack.ws.test.CandyApp;
import dev.candypack.ws.test.CandyWar;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What candy-ws puts on the wire, read byte for byte by a client that parses the frames itself:
 * every length form, multi-byte UTF-8 where the length form changes, the order of messages, pings
 * and the close, room deliveries while members vanish, and per-message-deflate clients. The same
 * bytes are expected whichever transport sends them (Jakarta WebSocket or the container's native
 * path, {@code candy.ws.native-transport}).
 */
@ExtendWith(ArquillianExtension.class)
class WireIT {

  /** Payload sizes at the edges of RFC 6455's three length forms, with the form each must use. */
  private static final Map<Integer, Integer> LENGTH_BITS = new LinkedHashMap<>();

  static {
    LENGTH_BITS.put(0, 7);
    LENGTH_BITS.put(1, 7);
    LENGTH_BITS.put(125, 7);
    LENGTH_BITS.put(126, 16);
    LENGTH_BITS.put(65_535, 16);
    LENGTH_BITS.put(65_536, 64);
    LENGTH_BITS.put(1 << 20, 64);
  }

  @Deployment(testable = false)
  static WebArchive deployment() {
    return CandyWar.addProbe(Server.war("wire").addPackage(TestRoutes.class.getPackage()));
  }

  @ArquillianResource URL url;
  CandyApp app;

  @BeforeEach
  void app() {
    app = new Server(url).app();
  }

  private static String op(String op, Object... keysAndValues) {
    StringBuilder json = new StringBuilder("{\"op\":\"").append(op).append('"');
    for (int i = 0; i < keysAndValues.length; i += 2) {
      json.append(",\"").append(keysAndValues[i]).append("\":");
      Object value = keysAndValues[i + 1];
      json.append(value instanceof String ? "\"" + value + "\"" : String.valueOf(value));
    }
    return json.append('}').toString();
  }

  /**
   * {@code nonBlocking} routes: on WildFly with the native path, the handler runs on the Undertow
   * I/O thread that read the message (the echo and room routes above are such routes, so every test
   * of this class checks that path's frames and order there); elsewhere on the same kind of thread
   * as any route's.
   */
  @Test
  void nonBlockingRoutesRunTheirHandlersOnTheReadingThreadWhereTheServerWouldHandThemOver()
      throws Exception {
    String plain = handlerThread("wire-thread");
    String nonBlocking = handlerThread("wire-thread-non-blocking");
    boolean wildFly = System.getProperty("jboss.home") != null;
    boolean nativePath = !System.getProperty("candy.native", "off").equalsIgnoreCase("off");
    assertFalse(plain.contains("I/O"), "a route that may block runs on a worker: " + plain);
    if (wildFly && nativePath) {
      assertTrue(nonBlocking.contains("I/O"), "on an Undertow I/O thread: " + nonBlocking);
    } else {
      assertEquals(
          plain.replaceAll("\\d+", "#"),
          nonBlocking.replaceAll("\\d+", "#"),
          "the server's own kind of thread, as for any route");
    }
  }

  /** The name of the thread that ran a route's message handler, as the route answers it. */
  private String handlerThread(String route) throws Exception {
    try (WireClient client = WireClient.connect(app.ws(route))) {
      client.sendText("which thread?");
      return new String(client.message(WireClient.TEXT).payload(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void messagesTheServerMakesUseEachLengthFormWithExactPayloads() throws Exception {
    try (WireClient client = WireClient.connect(app.ws("wire"))) {
      for (Map.Entry<Integer, Integer> size : LENGTH_BITS.entrySet()) {
        int bytes = size.getKey();
        client.sendText(op("text", "size", bytes));
        WireFrame text = client.message(WireClient.TEXT);
        assertEquals(size.getValue(), text.lengthBits(), "text of " + bytes + " B");
        assertArrayEquals(
            WireRoutes.text(bytes).getBytes(StandardCharsets.UTF_8),
            text.payload(),
            "text of " + bytes + " B");

        client.sendText(op("binary", "size", bytes));
        WireFrame binary = client.message(WireClient.BINARY);
        assertEquals(size.getValue(), binary.lengthBits(), "binary of " + bytes + " B");
        assertArrayEquals(WireRoutes.binary(bytes), binary.payload(), "binary of " + bytes + " B");
      }
    }
  }

  @Test
  void echoedMessagesUseEachLengthFormWithExactPayloads() throws Exception {
    try (WireClient client = WireClient.connect(app.ws("wire-echo"))) {
      for (Map.Entry<Integer, Integer> size : LENGTH_BITS.entrySet()) {
        int bytes = size.getKey();
        // Shifted, so that an echo can never be mistaken for the text route's answer.
        String sent = WireRoutes.text(bytes + 1).substring(1);
        client.sendText(sent);
        WireFrame text = client.message(WireClient.TEXT);
        assertEquals(size.getValue(), text.lengthBits(), "echoed text of " + bytes + " B");
        assertEquals(sent, new String(text.payload(), StandardCharsets.UTF_8));

        byte[] data = WireRoutes.binary(bytes);
        client.sendBinary(data);
        WireFrame binary = client.message(WireClient.BINARY);
        assertEquals(size.getValue(), binary.lengthBits(), "echoed binary of " + bytes + " B");
        assertArrayEquals(data, binary.payload(), "echoed binary of " + bytes + " B");
      }
    }
  }

  /**
   * Texts with a 2-, 3- and 4-byte character at every position around the 125/126 edge and the
   * 65,535/65,536 edge: before it, across it, after it; and one of them mixed throughout.
   */
  static List<String> nonAsciiTexts() {
    List<String> texts = new ArrayList<>();
    for (String character : List.of("é", "€", "😀")) {
      int width = character.getBytes(StandardCharsets.UTF_8).length;
      for (int edge : new int[] {125, 65_535}) {
        for (int before = edge - width - 1; before <= edge + 1; before++) {
          texts.add(WireRoutes.text(before) + character);
          texts.add(WireRoutes.text(before) + character + "z");
        }
      }
    }
    texts.add("é€😀".repeat(30)); // 270 bytes, 90 characters
    texts.add("");
    return texts;
  }

  @Test
  void nonAsciiTextsAreEchoedByteForByteAcrossTheLengthForms() throws Exception {
    List<String> texts = nonAsciiTexts();
    assertTrue(texts.size() < 100, "within the rate limit's burst: " + texts.size());
    try (WireClient client = WireClient.connect(app.ws("wire-echo"))) {
      for (String text : texts) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        client.sendText(text);
        WireFrame echoed = client.message(WireClient.TEXT);
        assertEquals(WireClient.shortestLengthBits(utf8.length), echoed.lengthBits());
        assertArrayEquals(utf8, echoed.payload(), "echo of a text of " + utf8.length + " B");
      }
    }
  }

  @Test
  void nonAsciiTextsReachEveryMemberOfARoomByteForByte() throws Exception {
    String room = "utf8-" + UUID.randomUUID();
    List<String> texts = nonAsciiTexts();
    List<WireClient> members = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        WireClient member = WireClient.connect(app.ws("wire-room/" + room));
        members.add(member);
        assertEquals("joined", member.text());
      }
      app.awaitRoomSize(room, 4);
      for (String text : texts) {
        members.get(0).sendText(text);
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        for (WireClient member : members) {
          WireFrame frame = member.message(WireClient.TEXT);
          assertArrayEquals(utf8, frame.payload(), "a room text of " + utf8.length + " B");
        }
      }
    } finally {
      for (WireClient member : members) {
        member.close();
      }
    }
  }

  @Test
  void messagesPingsAndTheCloseLeaveInTheOrderTheyWereQueuedAndNothingAfter() throws Exception {
    try (WireClient client = WireClient.connect(app.ws("wire"))) {
      client.sendText(op("sequence"));
      for (Object expected : WireRoutes.SEQUENCE) {
        if (expected == null) {
          WireFrame ping = client.frame();
          assertEquals(WireClient.PING, ping.opcode(), "the route's ping, in its place");
          assertTrue(ping.fin());
          assertEquals(0, ping.payload().length, "the route's ping carries nothing");
        } else if (expected instanceof byte[] binary) {
          assertArrayEquals(binary, client.message(WireClient.BINARY).payload());
        } else {
          WireFrame text = client.message(WireClient.TEXT);
          assertEquals(expected, new String(text.payload(), StandardCharsets.UTF_8));
        }
      }
      WireFrame close = client.frame();
      assertEquals(WireClient.CLOSE, close.opcode(), "the close, after every message and ping");
      assertEquals(4000, close.closeCode());
      assertEquals("bye", close.closeReason());
      client.sendClose(4000);
      assertTrue(client.endsWithoutAnotherFrame(), "the server ends the connection");
    }
  }

  @Test
  void membersThatVanishMidFanOutCostTheOthersNoMessage() throws Exception {
    String room = "fanout-" + UUID.randomUUID();
    int readers = 40;
    int vanishing = 10;
    int messages = 600;
    int size = 1024;
    app.awaitClientCount(0); // the other tests' connections are gone
    List<WireClient> staying = new ArrayList<>();
    List<WireClient> leaving = new ArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(readers);
    try (WireClient driver = WireClient.connect(app.ws("wire"))) {
      for (int i = 0; i < readers + vanishing; i++) {
        if (i % 5 == 2) {
          // Never reads: its share of the burst backs up on the server until it vanishes.
          leaving.add(WireClient.connectSlow(app.ws("wire-room/" + room), 4096));
        } else {
          WireClient reader = WireClient.connect(app.ws("wire-room/" + room));
          assertEquals("joined", reader.text());
          staying.add(reader);
        }
      }
      app.awaitRoomSize(room, readers + vanishing);
      CountDownLatch thirdRead = new CountDownLatch(1);
      List<Future<Integer>> received = new ArrayList<>();
      for (WireClient reader : staying) {
        received.add(
            threads.submit(
                () -> {
                  for (int i = 0; i < messages; i++) {
                    WireFrame frame = reader.message(WireClient.TEXT);
                    assertEquals(
                        WireRoutes.burstMessage(i, size),
                        new String(frame.payload(), StandardCharsets.UTF_8),
                        "message " + i);
                    if (i == messages / 3) {
                      thirdRead.countDown();
                    }
                  }
                  return messages;
                }));
      }
      driver.sendText(op("burst", "room", room, "count", messages, "size", size));
      assertTrue(thirdRead.await(WsClient.TIMEOUT_SECONDS, TimeUnit.SECONDS), "the burst began");
      for (WireClient gone : leaving) {
        gone.vanish();
      }
      for (Future<Integer> reader : received) {
        assertEquals(messages, reader.get(WsClient.TIMEOUT_SECONDS, TimeUnit.SECONDS));
      }

      app.awaitRoomSize(room, readers);
      app.awaitClientCount(readers + 1); // and the driver
      driver.sendText(op("burst", "room", room, "count", 1, "size", 32));
      for (WireClient reader : staying) {
        assertEquals(WireRoutes.burstMessage(0, 32), reader.text(), "the room still delivers");
      }
      try (WireClient fresh = WireClient.connect(app.ws("wire-echo"))) {
        fresh.sendText("still serving");
        assertEquals("still serving", fresh.text());
      }
    } finally {
      threads.shutdownNow();
      for (WireClient client : staying) {
        client.close();
      }
      for (WireClient client : leaving) {
        client.close();
      }
    }
  }

  @Test
  void deflateClientsAndPlainClientsGetTheSameMessages() throws Exception {
    String room = "deflate-" + UUID.randomUUID();
    List<String> texts =
        List.of(
            "hello",
            "",
            WireRoutes.text(125),
            WireRoutes.text(126),
            "é€😀".repeat(50),
            WireRoutes.text(70_000),
            "hello"); // a repeat, which a compressor with context takeover refers back to
    byte[] binary = WireRoutes.binary(4096);
    List<WireClient> members = new ArrayList<>();
    boolean accepted = false;
    try {
      for (int i = 0; i < 4; i++) {
        WireClient member =
            i % 2 == 0
                ? WireClient.connectOfferingDeflate(app.ws("wire-room/" + room))
                : WireClient.connect(app.ws("wire-room/" + room));
        accepted |= member.deflate();
        members.add(member);
        assertEquals("joined", member.text());
      }
      app.awaitRoomSize(room, 4);
      for (String text : texts) {
        members.get(0).sendText(text);
      }
      members.get(0).sendBinary(binary); // after its texts: one sender's messages keep their order
      for (WireClient member : members) {
        for (String text : texts) {
          assertEquals(text, member.text(), "deflate offered: " + member.deflate());
        }
        assertArrayEquals(binary, member.payload(WireClient.BINARY));
      }

      try (WireClient echo = WireClient.connectOfferingDeflate(app.ws("wire-echo"))) {
        for (String text : texts) {
          echo.sendText(text);
          assertEquals(text, echo.text());
        }
        echo.sendBinary(binary);
        assertArrayEquals(binary, echo.payload(WireClient.BINARY));
        assertEquals(accepted, echo.deflate(), "the server decides alike for every connection");
      }
    } finally {
      for (WireClient member : members) {
        member.close();
      }
    }
    // Neither server negotiates it today: Tyrus and Undertow give a programmatic endpoint only the
    // extensions its ServerEndpointConfig lists, and candy-ws lists none.
    assumeTrue(accepted, "the server declined permessage-deflate: plain delivery checked only");
  }
}
