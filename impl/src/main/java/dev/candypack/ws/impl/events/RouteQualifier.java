package dev.candypack.ws.impl.events;

import dev.candypack.ws.CandyGuard;
import dev.candypack.ws.CandyRoute;
import jakarta.enterprise.util.AnnotationLiteral;

/**
 * {@code @CandyRoute(template)} as a value, the qualifier of a route's events. Only {@link
 * #value()} is binding; the other members return their defaults.
 */
final class RouteQualifier extends AnnotationLiteral<CandyRoute> implements CandyRoute {

  private static final long serialVersionUID = 1L;

  private final String value;

  RouteQualifier(String value) {
    this.value = value;
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
}
