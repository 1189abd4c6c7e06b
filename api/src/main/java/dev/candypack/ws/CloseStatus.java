package dev.candypack.ws;

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

  /** 1008: a policy was violated, for example the rate limit. */
  public static final int POLICY_VIOLATION = 1008;

  /** 1009: a message was too big. */
  public static final int TOO_BIG = 1009;

  /** 1011: the server met an error, for example the route's handler threw. */
  public static final int INTERNAL_ERROR = 1011;

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
   * Creates a close status.
   *
   * @param code the close code
   * @param reason the reason; {@code null} becomes empty
   */
  public CloseStatus {
    reason = reason == null ? "" : reason;
  }
}
