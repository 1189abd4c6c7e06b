package dev.candypack.ws;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

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
 * <p>A definition that cannot work (a duplicate or malformed template, a producer that returns no
 * handler, a shorthand without a {@code CandySocket} parameter, a parameter CDI cannot resolve)
 * fails the deployment with a message naming the class and the method.
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
}
