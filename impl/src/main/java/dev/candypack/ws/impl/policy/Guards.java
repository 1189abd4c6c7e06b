package dev.candypack.ws.impl.policy;

import dev.candypack.ws.Candy;
import dev.candypack.ws.CandyGuard;
import dev.candypack.ws.CloseStatus;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/** A route's guards, resolved once as CDI beans and run in order before its handler. */
final class Guards {

  private static final Logger LOG = Logger.getLogger(Guards.class.getName());

  private final BeanManager beans;
  private final List<Bean<?>> guards;
  private final String route;

  private Guards(BeanManager beans, List<Bean<?>> guards, String route) {
    this.beans = beans;
    this.guards = guards;
    this.route = route;
  }

  static Guards resolve(BeanManager beans, List<Class<? extends CandyGuard>> types, String route) {
    List<Bean<?>> resolved = new ArrayList<>();
    for (Class<? extends CandyGuard> type : types) {
      Bean<?> bean = beans.resolve(beans.getBeans(type));
      if (bean == null) {
        throw new IllegalStateException(
            "candy-ws: the guard "
                + type.getName()
                + " of the route "
                + route
                + " is not a CDI bean; give it a scope such as @ApplicationScoped");
      }
      resolved.add(bean);
    }
    return new Guards(beans, List.copyOf(resolved), route);
  }

  /**
   * Runs the guards in order until one says no.
   *
   * @param candy the connection's request context
   * @return the close status when a guard refused or failed, empty when all allowed
   */
  Optional<CloseStatus> check(Candy candy) {
    for (Bean<?> bean : guards) {
      CreationalContext<?> context = beans.createCreationalContext(bean);
      try {
        CandyGuard guard = (CandyGuard) beans.getReference(bean, CandyGuard.class, context);
        if (!guard.allow(candy)) {
          return Optional.of(new CloseStatus(CloseStatus.FORBIDDEN, "Forbidden"));
        }
      } catch (Exception e) {
        LOG.log(Level.WARNING, "candy-ws: a guard of the route " + route + " failed", e);
        return Optional.of(new CloseStatus(CloseStatus.GUARD_FAILED, "Guard failed"));
      } finally {
        context.release();
      }
    }
    return Optional.empty();
  }
}
