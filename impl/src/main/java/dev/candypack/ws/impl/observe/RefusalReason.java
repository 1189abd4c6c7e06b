package dev.candypack.ws.impl.observe;

import java.util.Locale;

/** Why a handshake was refused, before or while the connection opened. */
public enum RefusalReason {
  /** A browser origin or a {@code Host} that is not allowed (HTTP 403). */
  ORIGIN,
  /** The route requires a user and the handshake had none (4001). */
  UNAUTHORIZED,
  /** The user has none of the route's roles (4003). */
  FORBIDDEN,
  /** The route requires a CSRF token and the handshake's was missing or wrong. */
  TOKEN,
  /** A route guard refused, or failed. */
  GUARD,
  /** A connection cap was reached (HTTP 503 or 429, or 1013 when the slot was lost). */
  LIMIT;

  /**
   * The reason as a metric label and in logs.
   *
   * @return the lower-case name, such as {@code origin}
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
