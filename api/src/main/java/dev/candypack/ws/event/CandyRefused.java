package dev.candypack.ws.event;

import java.util.Locale;
import java.util.Objects;

/**
 * A handshake to a route was refused, before its handler ran; no other event follows for it. A
 * client can cause these as fast as it can connect: count them rather than log each.
 *
 * <pre>{@code
 * void refused(@Observes CandyRefused e) {
 *   refusals.increment(e.route(), e.reason().label());
 * }
 * }</pre>
 *
 * @param route the route's template
 * @param reason why it was refused
 */
public record CandyRefused(String route, Reason reason) {

  /**
   * Creates the event.
   *
   * @param route the route's template
   * @param reason why
   */
  public CandyRefused {
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(reason, "reason");
  }

  /** Why a handshake was refused. */
  public enum Reason {
    /** A browser origin or a {@code Host} that is not allowed (HTTP 403). */
    ORIGIN,
    /** The route requires a user and the handshake had none (closed with 4001). */
    UNAUTHORIZED,
    /** The user has none of the route's roles (closed with 4003). */
    FORBIDDEN,
    /** The route requires a CSRF token and it was missing or wrong (closed with 4002). */
    TOKEN,
    /** A route guard refused (closed with 4003) or failed (4000). */
    GUARD,
    /** A connection cap was reached (HTTP 503 or 429, or closed with 1013). */
    LIMIT;

    /**
     * The reason as a label, for metrics and logs.
     *
     * <pre>{@code
     * CandyRefused.Reason.UNAUTHORIZED.label(); // "unauthorized"
     * }</pre>
     *
     * @return the lower-case name, such as {@code origin}
     */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
