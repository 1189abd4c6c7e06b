package dev.candypack.ws.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.candypack.ws.CloseStatus;
import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Storms of handshakes that the server answers with a close, on every path a server-side close can
 * take after a handshake, while keep-alive HTTP clients poll the example's {@code GET
 * /api/clients}. Every client must see exactly its own answer (its own {@code
 * Sec-WebSocket-Accept}, the frames before the close, the close code and reason), every poll the
 * resource's JSON, and the server's log no {@code NullPointerException}: on Payara Micro 6 a close
 * issued while the container still finished the upgrade request used to recycle that request twice
 * and hand it to two later requests at once (docs/architecture.md).
 *
 * <p>Each server gives a small variant that starts or reaches it and reads its log.
 */
abstract class CloseStormContract {

  /** The handshakes to the example's {@code /secure}, as the contract measured it. */
  static final int SECURE_HANDSHAKES = Integer.getInteger("storm.handshakes", 4_000);

  /** The handshakes to each of the other refusing routes. */
  static final int OTHER_HANDSHAKES = Integer.getInteger("storm.other-handshakes", 1_000);

  static final int CONCURRENCY = Integer.getInteger("storm.concurrency", 100);
  static final int POLLERS = 8;

  /**
   * The WebSocket address of a path below a context root.
   *
   * @param path such as {@code /secure} at the example's root, {@code /storm/storm/members}
   */
  abstract URI ws(String path);

  /** The HTTP address of a path below the example's context root. */
  abstract URI http(String path);

  /** What the server has logged since the test class started. */
  abstract String serverLog() throws Exception;

  @Test
  void anonymousStormOnTheAsyncSecureRoute() throws Exception {
    storm(
        "/secure",
        SECURE_HANDSHAKES,
        List.of("{\"error\":\"Unauthorized\"}"),
        4001,
        "Unauthorized");
  }

  @Test
  void handshakeRefusals() throws Exception {
    storm("/storm/storm/members", OTHER_HANDSHAKES, List.of(), 4001, "Unauthorized");
  }

  @Test
  void guardRefusals() throws Exception {
    storm("/storm/storm/guarded", OTHER_HANDSHAKES, List.of(), CloseStatus.FORBIDDEN, "Forbidden");
  }

  @Test
  void failingHandlers() throws Exception {
    storm(
        "/storm/storm/failing",
        OTHER_HANDSHAKES,
        List.of(),
        CloseStatus.INTERNAL_ERROR,
        "Route handler failed");
  }

  @Test
  void handlersThatCloseAtOnce() throws Exception {
    storm(
        "/storm/storm/closing",
        OTHER_HANDSHAKES,
        List.of("bye"),
        CloseStatus.NORMAL,
        "Closing at once");
  }

  private void storm(String path, int handshakes, List<String> texts, int code, String reason)
      throws Exception {
    int logStart = serverLog().length();
    HandshakeStorm.Result result =
        new HandshakeStorm(ws(path), texts, code, reason)
            .run(
                handshakes,
                CONCURRENCY,
                http("api/clients"),
                POLLERS,
                body -> body.contains("\"count\":") && body.contains("\"cluster\":"));
    System.out.println("storm on " + path + ": " + result);
    String npes = nullPointerLines(serverLog().substring(logStart));
    assertEquals("", npes, "the server logged NullPointerExceptions during the storm on " + path);
    assertEquals(0, result.badHandshakes(), "handshakes answered wrongly: " + result);
    assertEquals(0, result.badPolls(), "polls answered wrongly: " + result);
  }

  private static String nullPointerLines(String log) {
    List<String> lines = log.lines().filter(line -> line.contains("NullPointerException")).toList();
    return lines.isEmpty()
        ? ""
        : lines.size()
            + " lines, e.g. "
            + lines.stream().limit(3).collect(Collectors.joining(" | "));
  }
}
