package dev.candypack.ws.impl.policy;

import dev.candypack.ws.Candy;
import dev.candypack.ws.CandyRoute;
import dev.candypack.ws.CloseStatus;
import dev.candypack.ws.event.CandyRefused.Reason;
import dev.candypack.ws.impl.config.CandySettings;
import dev.candypack.ws.impl.route.Route;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.websocket.server.HandshakeRequest;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Everything one route requires of a connection: the checks of its handshake, its guards, and the
 * limits of its messages and backlog. The route's attributes win over the application's settings.
 */
public final class RoutePolicy {

  private static final Refusal UNAUTHORIZED =
      new Refusal(new CloseStatus(CloseStatus.UNAUTHORIZED, "Unauthorized"), Reason.UNAUTHORIZED);
  private static final Refusal FORBIDDEN =
      new Refusal(new CloseStatus(CloseStatus.FORBIDDEN, "Forbidden"), Reason.FORBIDDEN);
  private static final Refusal INVALID_TOKEN =
      new Refusal(new CloseStatus(CloseStatus.INVALID_TOKEN, "Invalid CSRF token"), Reason.TOKEN);

  private final long maxMessageSize;
  private final int rateLimit;
  private final long rateWindowMillis;
  private final int rateLimitBurst;
  private final long maxBacklogBytes;
  private final int maxBacklogMessages;
  private final long openTimeoutMillis;
  private final int maxRoomName;
  private final int maxRoomsPerConnection;
  private final long idleTimeoutMillis;
  private final boolean keepSecretHeaders;
  private final boolean authenticated;
  private final Set<String> roles;
  private final boolean csrf;
  private final OriginPolicy origins;
  private final Guards guards;

  private RoutePolicy(Route route, CandySettings settings, Guards guards) {
    CandyRoute options = route.options();
    this.maxMessageSize =
        options.maxMessageSize() >= 0 ? options.maxMessageSize() : settings.maxMessageSize();
    this.rateLimit = options.rateLimit() >= 0 ? options.rateLimit() : settings.rateLimit();
    this.rateWindowMillis = settings.rateWindowMillis();
    this.rateLimitBurst = burst(options.rateLimitBurst(), settings.rateLimitBurst(), rateLimit);
    this.maxBacklogBytes = settings.maxBacklogBytes();
    this.maxBacklogMessages = settings.maxBacklogMessages();
    this.openTimeoutMillis = settings.openTimeoutMillis();
    this.maxRoomName = settings.maxRoomName();
    this.maxRoomsPerConnection = settings.maxRoomsPerConnection();
    this.idleTimeoutMillis = settings.idleTimeoutMillis();
    this.keepSecretHeaders = settings.keepSecretHeaders();
    this.roles = route.rolesAllowed();
    this.authenticated = options.authenticated() || !roles.isEmpty();
    this.csrf = options.csrf();
    this.origins = new OriginPolicy(settings.allowedOrigins());
    this.guards = guards;
  }

  /**
   * The policy of a route.
   *
   * @param route the route
   * @param settings the application's settings
   * @param beans the application's bean manager, to find the guards
   * @return the policy
   * @throws IllegalStateException when a guard is not a CDI bean
   */
  public static RoutePolicy of(Route route, CandySettings settings, BeanManager beans) {
    return new RoutePolicy(
        route,
        settings,
        Guards.resolve(beans, Arrays.asList(route.options().guards()), route.toString()));
  }

  /**
   * The burst of a route's rate limit: its own, else the application's, else twice its limit.
   *
   * @param own the route's {@code rateLimitBurst}, -1 for none (the route extension refuses other
   *     values under 1)
   * @param application {@code candy.ws.rate-limit-burst}, 0 when not set
   * @param limit the route's rate limit
   * @return the burst
   */
  static int burst(int own, int application, int limit) {
    if (own > 0) {
      return own;
    }
    return application > 0 ? application : RateLimiter.defaultBurst(limit);
  }

  /**
   * Checks a handshake's origin where the request's host and scheme are unknown: only configured
   * origins (and clients without one) pass.
   *
   * @param origin the {@code Origin} header, or {@code null}
   * @return whether the upgrade may go on; when not, the container answers 403
   */
  public boolean allowsConfiguredOrigin(String origin) {
    return origins.allows(origin, null, false);
  }

  /**
   * Checks what can only be checked during the handshake: the CSRF token, the user and the roles.
   *
   * @param request the handshake
   * @return the refusal to end the connection with, or empty to let it through
   */
  public Optional<Refusal> admit(HandshakeRequest request) {
    if (csrf
        && !CsrfTokens.matches(
            request.getHttpSession(), request.getHeaders().get("Sec-WebSocket-Protocol"))) {
      return Optional.of(INVALID_TOKEN);
    }
    if (authenticated && request.getUserPrincipal() == null) {
      return Optional.of(UNAUTHORIZED);
    }
    if (!roles.isEmpty() && roles.stream().noneMatch(request::isUserInRole)) {
      return Optional.of(FORBIDDEN);
    }
    return Optional.empty();
  }

  /**
   * Runs the route's guards.
   *
   * @param candy the connection's request context
   * @return the close status when a guard refused or failed, empty when all allowed
   */
  public Optional<CloseStatus> guard(Candy candy) {
    return guards.check(candy);
  }

  /**
   * The largest incoming message, the route's own limit or the application's.
   *
   * @return the limit in bytes
   */
  public long maxMessageSize() {
    return maxMessageSize;
  }

  /**
   * A rate limiter for one new connection; limiters keep state, so each connection gets its own.
   *
   * @return a new limiter
   */
  public RateLimiter newRateLimiter() {
    return new RateLimiter(rateLimit, rateWindowMillis, rateLimitBurst);
  }

  /**
   * How many payload bytes may wait to be sent to one connection before it counts as too slow.
   *
   * @return the backlog limit in bytes
   */
  public long maxBacklogBytes() {
    return maxBacklogBytes;
  }

  /**
   * How many messages may wait to be sent to one connection (or wait for its route's handler)
   * before it counts as too slow.
   *
   * @return the backlog limit in messages
   */
  public int maxBacklogMessages() {
    return maxBacklogMessages;
  }

  /**
   * The longest room name a connection may join.
   *
   * @return the limit in characters
   */
  public int maxRoomName() {
    return maxRoomName;
  }

  /**
   * How many rooms one connection may be in at once.
   *
   * @return the limit
   */
  public int maxRoomsPerConnection() {
    return maxRoomsPerConnection;
  }

  /**
   * How long an asynchronous route handler may take before its connection is closed with 1011.
   *
   * @return the limit in milliseconds, 0 for none
   */
  public long openTimeoutMillis() {
    return openTimeoutMillis;
  }

  /**
   * How long a connection may stay idle.
   *
   * @return the timeout in milliseconds, 0 for the container's default
   */
  public long idleTimeoutMillis() {
    return idleTimeoutMillis;
  }

  /**
   * Whether the handler's request keeps the handshake's credentials; the guards' always does.
   *
   * @return {@code true} when {@code candy.ws.keep-secret-headers} is set
   */
  public boolean keepSecretHeaders() {
    return keepSecretHeaders;
  }
}
