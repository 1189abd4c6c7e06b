package dev.candypack.ws.impl.metrics;

import jakarta.enterprise.inject.spi.AnnotatedField;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.InjectionPoint;

/**
 * Gets a bean the way an {@code @Inject} field would: some servers' producers read the injection
 * point (Payara's {@code MetricRegistry} producer reads its scope there) and fail without one.
 */
final class Injection {

  private Injection() {}

  /**
   * The reference the one field of a holder class would be injected with.
   *
   * @param beans the application's bean manager
   * @param holder a class with one {@code @Inject} field; never instantiated
   * @return the reference
   * @throws RuntimeException when no bean, or several, can be injected there
   */
  static Object reference(BeanManager beans, Class<?> holder) {
    AnnotatedField<?> field = beans.createAnnotatedType(holder).getFields().iterator().next();
    InjectionPoint point = beans.createInjectionPoint(field);
    return beans.getInjectableReference(point, beans.createCreationalContext(null));
  }
}
