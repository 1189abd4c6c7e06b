package dev.candypack.ws;

/**
 * A request made with {@link CandySocket#request(Object, java.time.Duration)} got no reply: the
 * stage it returned completes exceptionally with this exception.
 *
 * <pre>{@code
 * ws.request(Map.of("question", "name?"), Duration.ofSeconds(5))
 *     .thenAccept(reply -> ws.data().put("name", reply.data()))
 *     .exceptionally(failure -> {
 *       if (failure instanceof RequestFailedException e && e.reason() == Reason.TIMED_OUT) {
 *         ws.close(CloseStatus.POLICY_VIOLATION, "No answer");
 *       }
 *       return null;
 *     });
 * }</pre>
 */
public final class RequestFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a request got no reply. */
  public enum Reason {
    /** No reply came within the request's timeout. */
    TIMED_OUT,
    /** The connection closed before the reply came, or was closed already. */
    CLOSED,
    /**
     * The connection has as many requests waiting for a reply as {@code
     * candy.ws.max-pending-requests} allows; the request was not sent.
     */
    TOO_MANY,
    /** The peer answered with an error envelope; the message is the peer's error. */
    REFUSED
  }

  /** Why the request failed. */
  private final Reason reason;

  /**
   * Creates the exception.
   *
   * @param reason why the request failed
   * @param message what failed, for people
   */
  public RequestFailedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /**
   * Why the request failed.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}
