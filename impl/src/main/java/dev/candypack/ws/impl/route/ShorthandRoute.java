package dev.candypack.ws.impl.route;

import dev.candypack.ws.AsyncCandyHandler;
import dev.candypack.ws.Candy;
import dev.candypack.ws.CandySocket;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.spi.Context;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedParameter;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.InjectionPoint;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A route declared by a plain bean method that is the handler itself: its {@link CandySocket} and
 * {@link Candy} parameters receive the connection and the request, the others are CDI injection
 * points resolved for each connection.
 */
final class ShorthandRoute extends Route {

  private BeanManager beanManager;
  private final Bean<?> bean;
  private final AnnotatedMethod<?> method;
  private final List<InjectionPoint> injectionPoints = new ArrayList<>();

  ShorthandRoute(
      RouteDeclaration declared, BeanManager beanManager, Bean<?> bean, AnnotatedMethod<?> method) {
    super(declared);
    this.beanManager = beanManager;
    this.bean = bean;
    this.method = method;
    method.getJavaMember().setAccessible(true);
  }

  /**
   * Creates and checks the injection points of the parameters that are neither the connection nor
   * the request. Called once the container has validated its beans.
   *
   * @param applicationBeans the application's bean manager: the one an extension observer receives
   *     may not see the application's beans (Payara)
   * @throws RuntimeException CDI's own error when a parameter cannot be resolved
   */
  void resolveInjectionPoints(BeanManager applicationBeans) {
    beanManager = applicationBeans;
    for (AnnotatedParameter<?> parameter : method.getParameters()) {
      Class<?> type = method.getJavaMember().getParameterTypes()[parameter.getPosition()];
      if (type != CandySocket.class && type != Candy.class) {
        InjectionPoint point = beanManager.createInjectionPoint(parameter);
        beanManager.validate(point);
        injectionPoints.add(point);
      }
    }
  }

  @Override
  public RouteHandler newHandler() {
    CreationalContext<?> context = beanManager.createCreationalContext(bean);
    Object target = instance(context);
    AsyncCandyHandler code = (ws, candy) -> invoke(target, arguments(ws, candy, context));
    return RouteHandler.ofAsync(code, context);
  }

  /**
   * The bean instance itself rather than a client proxy: a proxy does not intercept private
   * methods, which would then run on the proxy's empty fields.
   *
   * <p>Only a {@code @Dependent} bean belongs to the connection. A bean of any other scope outlives
   * it, so when this call is the one that creates it, it gets a creational context of its own that
   * its scope's context keeps: made in the connection's, its {@code @Dependent} fields would be
   * destroyed when the first connection closed, while the bean went on using them.
   */
  private Object instance(CreationalContext<?> connection) {
    if (method.isStatic()) {
      return null;
    }
    if (bean.getScope() == Dependent.class) {
      return beanManager.getReference(bean, bean.getBeanClass(), connection);
    }
    return contextualInstance(bean);
  }

  private <T> T contextualInstance(Bean<T> bean) {
    Context scope = beanManager.getContext(bean.getScope());
    T existing = scope.get(bean);
    return existing != null ? existing : scope.get(bean, beanManager.createCreationalContext(bean));
  }

  private Object[] arguments(CandySocket ws, Candy candy, CreationalContext<?> context) {
    Class<?>[] types = method.getJavaMember().getParameterTypes();
    Object[] arguments = new Object[types.length];
    int injected = 0;
    for (int i = 0; i < types.length; i++) {
      if (types[i] == CandySocket.class) {
        arguments[i] = ws;
      } else if (types[i] == Candy.class) {
        arguments[i] = candy;
      } else {
        arguments[i] = beanManager.getInjectableReference(injectionPoints.get(injected++), context);
      }
    }
    return arguments;
  }

  private CompletionStage<?> invoke(Object target, Object[] arguments) throws Exception {
    Method javaMethod = method.getJavaMember();
    try {
      Object result = javaMethod.invoke(target, arguments);
      return result instanceof CompletionStage<?> stage ? stage : null;
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }
}
