package dev.candypack.ws.impl.route;

import dev.candypack.ws.AsyncCandyHandler;
import dev.candypack.ws.CandyHandler;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;

/** A route declared by a producer method: CDI calls the producer once per connection. */
final class ProducerRoute extends Route {

  private final BeanManager beanManager;
  private final Bean<?> producer;
  private final Class<?> handlerType;

  ProducerRoute(
      RouteDeclaration declared, BeanManager beanManager, Bean<?> producer, Class<?> handlerType) {
    super(declared);
    this.beanManager = beanManager;
    this.producer = producer;
    this.handlerType = handlerType;
  }

  @Override
  public RouteHandler newHandler() {
    CreationalContext<?> context = beanManager.createCreationalContext(producer);
    Object handler = beanManager.getReference(producer, handlerType, context);
    if (handler instanceof CandyHandler sync) {
      return RouteHandler.ofSync(sync, context);
    }
    if (handler instanceof AsyncCandyHandler async) {
      return RouteHandler.ofAsync(async, context);
    }
    context.release();
    throw new IllegalStateException(declaration() + " returned null instead of a handler");
  }
}
