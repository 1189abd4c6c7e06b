package dev.candypack.ws;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.enterprise.util.Nonbinding;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Declares a WebSocket route: CandyPack's {@code Candy.ws(path, handler)}.
 *
 * <p><b>Route producer method.</b> A CDI producer method with this qualifier returns the route's
 * handler; its parameters are ordinary CDI injection points. The producer runs once per connection
 * (it is {@code @Dependent} unless you say otherwise), so the handler may keep per-connection
 * state.
 *
 * <pre>{@code
 * @Produces
 * @CandyRoute("/room/{roomId}/user/{userId}")
 * CandyHandler room(Greeter greeter) {
 *   return (ws, candy) -> ws.join(candy.request().url("roomId"));
 * }
 * }</pre>
 *
 * <p><b>Shorthand.</b> A method of a CDI bean annotated {@code @CandyRoute} without
 * {@code @Produces} is the handler itself. It takes a {@link CandySocket}, optionally a {@link
 * Candy}, and any further parameters are injected by CDI. It returns {@code void} or a {@link
 * java.util.concurrent.CompletionStage} (an asynchronous handler).
 *
 * <pre>{@code
 * @CandyRoute("/chat")
 * void chat(CandySocket ws, Candy candy, Clock clock) {
 *   ws.send(Map.of("type", "welcome", "at", clock.millis()));
 * }
 * }</pre>
 *
 * <p><b>Options.</b> The other attributes secure and limit the route; each overrides the
 * application's configuration (the README's configuration table lists the {@code candy.ws.*} keys).
 * {@code jakarta.annotation.security.RolesAllowed} on the method restricts the route to users in
 * those roles.
 *
 * <pre>{@code
 * @RolesAllowed("admin")
 * @CandyRoute(value = "/admin", guards = OfficeHours.class, rateLimit = 10, csrf = true)
 * void admin(CandySocket ws) { … }
 * }</pre>
 *
 * <p>A definition that cannot work (a duplicate or malformed template, a producer that returns no
 * handler, a shorthand without a {@code CandySocket} parameter, a parameter CDI cannot resolve)
 * fails the deployment with a message naming the class and the method. So does a
 * {@code @Produces @CandyRoute} field, naming the class and the field: it would be one handler for
 * every connection. (The annotation may stand on a field because it is a CDI qualifier: an
 * injection point such as {@code @Inject @CandyRoute("/chat") CandyHandler chat} is not a route.)
 *
 * <p><b>Events.</b> On an observed event it takes one route's {@linkplain dev.candypack.ws.event
 * lifecycle events}; only {@link #value()} counts there, the other attributes are {@link
 * Nonbinding}.
 *
 * <pre>{@code
 * void opened(@Observes @CandyRoute("/chat") CandyOpened e) { … }
 * }</pre>
 */
@Qualifier
@Documented
@Retention(RUNTIME)
@Target({METHOD, FIELD, PARAMETER, TYPE})
public @interface CandyRoute {

  /**
   * The URI template of the route, relative to the application's context root, such as {@code
   * /chat} or {@code /room/{roomId}/user/{userId}}. It starts with {@code /}; each {@code {name}}
   * segment captures one URL-decoded path segment.
   *
   * @return the URI template
   */
  String value();

  /**
   * Only authenticated users may connect; others are closed with {@link CloseStatus#UNAUTHORIZED}
   * (4001) before the handler runs. Implied by {@code @RolesAllowed}.
   *
   * @return whether a user is required
   */
  @Nonbinding
  boolean authenticated() default false;

  /**
   * Requires the CSRF token of the user's HTTP session (see {@link CandyCsrf}) as a {@code
   * candy-token-<token>} entry of {@code Sec-WebSocket-Protocol}; a missing or wrong token closes
   * the connection with {@link CloseStatus#INVALID_TOKEN} (4002) before the handler runs.
   *
   * @return whether the token is required
   */
  @Nonbinding
  boolean csrf() default false;

  /**
   * Guards that run in order before the handler, CandyPack's route middleware. Each is a CDI bean.
   *
   * @return the guard classes
   */
  @Nonbinding
  Class<? extends CandyGuard>[] guards() default {};

  /**
   * The largest message accepted, in bytes, the fragments of one message counted together; a larger
   * one closes the connection with {@link CloseStatus#TOO_BIG} (1009) "Payload too large". {@code
   * -1} takes {@code candy.ws.max-message-size} (default 10 MiB).
   *
   * @return the limit in bytes, or -1
   */
  @Nonbinding
  long maxMessageSize() default -1;

  /**
   * The rate limit: the messages (text, binary and pongs) a connection may send per window ({@code
   * candy.ws.rate-limit-window-ms}, default 1 s), as a token bucket. Each connection starts with
   * {@link #rateLimitBurst()} tokens and earns {@code rateLimit} tokens per window, one every
   * {@code window / rateLimit}, up to {@code rateLimitBurst}; each message takes one, and a message
   * that finds none closes the connection with {@link CloseStatus#POLICY_VIOLATION} (1008) "Rate
   * limit exceeded". So a client may send {@code rateLimitBurst} messages at once and {@code
   * rateLimit} per window for ever, and a server that stops reading for a moment (a long GC pause,
   * a busy host) and then reads what came meanwhile at once does not close a client that kept to
   * the limit: at 80 % of the limit, with the default burst of twice the limit, a pause of up to
   * 2.5 windows. {@code 0} turns the limit off; {@code -1} takes {@code candy.ws.rate-limit}
   * (default 50).
   *
   * <pre>{@code
   * @CandyRoute(value = "/ticks", rateLimit = 10, rateLimitBurst = 30) // 10 a second, 30 at once
   * }</pre>
   *
   * @return the limit per window, 0, or -1
   */
  @Nonbinding
  int rateLimit() default -1;

  /**
   * The most messages a connection may send at once: the size of its {@link #rateLimit()} token
   * bucket, at least 1. {@code -1} takes {@code candy.ws.rate-limit-burst}, which defaults to twice
   * the route's rate limit (100 for the default 50 a second). Any other value under 1 fails the
   * deployment, naming the method.
   *
   * @return the burst in messages, or -1
   */
  @Nonbinding
  int rateLimitBurst() default -1;

  /**
   * Promises that nothing the route's connections run ever blocks: its message, close and error
   * callbacks and the synchronous observers of its {@linkplain dev.candypack.ws.event events} do no
   * I/O that waits (no JDBC, no remote call, no {@code Thread.sleep}, no lock held for long).
   * candy-ws then runs them on the thread that read the message, where the server would otherwise
   * hand each message to a worker thread and each reply back: on WildFly with {@code
   * candy.ws.native-transport} {@code auto} or {@code on}, this saves two thread hand-offs per
   * message (an echo answered 1.5 times as fast on a 2-core machine; BENCHMARKS.md). Elsewhere it
   * changes nothing: Payara already runs handlers on the thread that reads the connection, and with
   * the native transport {@code off} candy-ws uses Jakarta WebSocket alone. The handler the route's
   * producer returns runs on the upgrade's thread as always.
   *
   * <p>A callback that blocks on such a route stalls every connection that shares its I/O thread
   * (WildFly has two per core); leave a route that queries a database or calls a service blocking,
   * or hand that work to a managed executor and send when it is done.
   *
   * <pre>{@code
   * @CandyRoute(value = "/cursor", nonBlocking = true)
   * void cursor(CandySocket ws) {
   *   ws.join("board");
   *   ws.onMessage(m -> ws.to("board").send(m.text()));
   * }
   * }</pre>
   *
   * @return whether the route's callbacks never block
   */
  @Nonbinding
  boolean nonBlocking() default false;

  /**
   * {@code @CandyRoute(template)} as a value, with every other attribute at its default: to name a
   * route in a programmatic lookup, such as its handler or its lifecycle events' observers.
   *
   * <pre>{@code
   * @Inject @Any Instance<CandyHandler> handlers;
   * CandyHandler chat = handlers.select(CandyRoute.Literal.of("/chat")).get();
   * }</pre>
   */
  final class Literal extends AnnotationLiteral<CandyRoute> implements CandyRoute {

    /** The serialized form's version. */
    private static final long serialVersionUID = 1L;

    /** The route's template. */
    private final String value;

    private Literal(String value) {
      this.value = value;
    }

    /**
     * The qualifier of one route.
     *
     * @param template the route's template, such as {@code /room/{roomId}}
     * @return the annotation
     */
    public static Literal of(String template) {
      return new Literal(template);
    }

    @Override
    public String value() {
      return value;
    }

    @Override
    public boolean authenticated() {
      return false;
    }

    @Override
    public boolean csrf() {
      return false;
    }

    @Override
    public Class<? extends CandyGuard>[] guards() {
      @SuppressWarnings("unchecked")
      Class<? extends CandyGuard>[] none = (Class<? extends CandyGuard>[]) new Class<?>[0];
      return none;
    }

    @Override
    public long maxMessageSize() {
      return -1;
    }

    @Override
    public int rateLimit() {
      return -1;
    }

    @Override
    public int rateLimitBurst() {
      return -1;
    }

    @Override
    public boolean nonBlocking() {
      return false;
    }
  }
}
