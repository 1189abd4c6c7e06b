package dev.candypack.ws;

import java.util.Set;

/**
 * Why a connection closed: a close code and a reason, and the codes candy-ws uses.
 *
 * @param code the close code (1006 when the connection was lost without a close frame)
 * @param reason the reason, possibly empty
 */
public record CloseStatus(int code, String reason) {

  /** 1000: normal closure. */
  public static final int NORMAL = 1000;

  /** 1001: the server is going away (undeploy, shutdown). */
  public static final int GOING_AWAY = 1001;

  /** 1006: the connection was lost without a close frame. */
  public static final int ABNORMAL = 1006;

  /** 1002: the peer broke the protocol. */
  public static final int PROTOCOL_ERROR = 1002;

  /** 1003: a kind of message this endpoint does not accept, for example binary on a text route. */
  public static final int UNSUPPORTED_DATA = 1003;

  /** 1007: a message whose content is not what its type says, for example malformed JSON. */
  public static final int INVALID_PAYLOAD = 1007;

  /** 1008: a policy was violated, for example the rate limit. */
  public static final int POLICY_VIOLATION = 1008;

  /** 1009: a message was too big. */
  public static final int TOO_BIG = 1009;

  /** 1011: the server met an error, for example the route's handler threw. */
  public static final int INTERNAL_ERROR = 1011;

  /** 1012: the service is restarting; a client may reconnect. */
  public static final int SERVICE_RESTART = 1012;

  /** 1013: try again later, for example a client too slow to read. */
  public static final int TRY_AGAIN_LATER = 1013;

  /** 4000: a guard failed. */
  public static final int GUARD_FAILED = 4000;

  /** 4001: no authenticated user. */
  public static final int UNAUTHORIZED = 4001;

  /** 4002: a missing or invalid CSRF token. */
  public static final int INVALID_TOKEN = 4002;

  /** 4003: the user may not use this route. */
  public static final int FORBIDDEN = 4003;

  /**
   * The close codes after which candy-ws's browser client ({@code candy-ws.js}) gives up instead of
   * reconnecting: the server refused this client (4001, 4002, 4003) or what it sent (1008, 1009),
   * so connecting again would send the same and get the same answer. {@code candy-ws.js} and {@code
   * candy-ws.d.ts} hold the same table; a build test fails when they differ.
   *
   * <pre>{@code
   * ws.close(CloseStatus.UNAUTHORIZED, "Session ended"); // the page's client stops here
   * }</pre>
   */
  public static final Set<Integer> CLIENT_GIVES_UP =
      Set.of(UNAUTHORIZED, INVALID_TOKEN, FORBIDDEN, POLICY_VIOLATION, TOO_BIG);

  /**
   * The close codes after which the browser client reconnects with back-off: the server went away
   * or restarts (1001, 1012), the connection was lost (1006), the server failed (1011) or was busy
   * (1013). The client also retries after a code in neither table; see {@link #clientRetries}.
   */
  public static final Set<Integer> CLIENT_RETRIES =
      Set.of(GOING_AWAY, ABNORMAL, INTERNAL_ERROR, SERVICE_RESTART, TRY_AGAIN_LATER);

  /**
   * Whether the browser client reconnects after a close with this code (when its {@code
   * autoReconnect} is on and attempts are left): every code but those of {@link #CLIENT_GIVES_UP}.
   *
   * <pre>{@code
   * CloseStatus.clientRetries(CloseStatus.SERVICE_RESTART); // true
   * CloseStatus.clientRetries(CloseStatus.TOO_BIG);         // false: it would send the same again
   * }</pre>
   *
   * @param code the close code
   * @return {@code true} when the client tries again
   */
  public static boolean clientRetries(int code) {
    return !CLIENT_GIVES_UP.contains(code);
  }

  /**
   * Whether {@link CandySocket#close(int, String)} accepts a close code: the one list of them.
   * These are the codes of RFC 6455 and its IANA registry that a server may send and that common
   * clients (browsers, the JDK's, Tyrus's) accept: 1000 to 1003, 1007 to 1009, 1011 to 1013, and
   * the application codes 3000 to 4999. Not 1004 to 1006 nor 1015 (reserved, never sent), not 1010
   * (a client's code: the JDK's client fails on it), not 1014 (a gateway's: Tyrus's client fails on
   * it).
   *
   * <pre>{@code
   * CloseStatus.isSendable(4001);  // true: an application code
   * CloseStatus.isSendable(1006);  // false: it reports a connection lost without a close frame
   * }</pre>
   *
   * @param code the close code
   * @return whether it may be sent
   */
  public static boolean isSendable(int code) {
    return switch (code) {
      case NORMAL,
          GOING_AWAY,
          PROTOCOL_ERROR,
          UNSUPPORTED_DATA,
          INVALID_PAYLOAD,
          POLICY_VIOLATION,
          TOO_BIG,
          INTERNAL_ERROR,
          SERVICE_RESTART,
          TRY_AGAIN_LATER ->
          true;
      default -> code >= 3000 && code <= 4999;
    };
  }

  /**
   * Creates a close status.
   *
   * @param code the close code
   * @param reason the reason; {@code null} becomes empty
   */
  public CloseStatus {
    reason = reason == null ? "" : reason;
  }
}
