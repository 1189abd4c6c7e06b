package dev.candypack.ws.impl.events;

import dev.candypack.ws.CandyRoute;
import dev.candypack.ws.CandySocket;
import dev.candypack.ws.CloseStatus;
import dev.candypack.ws.event.CandyClosed;
import dev.candypack.ws.event.CandyJoined;
import dev.candypack.ws.event.CandyLeft;
import dev.candypack.ws.event.CandyOpened;
import dev.candypack.ws.event.CandyRefused;
import dev.candypack.ws.event.CandyRefused.Reason;
import dev.candypack.ws.impl.observe.ConnectionObserver;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.ObserverMethod;
import java.lang.reflect.Proxy;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Fires the application's lifecycle events ({@link CandyOpened} and the others), each qualified
 * {@code @CandyRoute(template)}, for the routes and event types that have observers. Which those
 * are is found once, at start, with the application's bean manager: the same resolution {@code
 * fire} does, so an observer without a qualifier counts for every route.
 */
public final class CdiEvents implements ConnectionObserver {

  // Only resolution sees these: observers are found by the event's class and qualifiers.
  private static final CandySocket SAMPLE_SOCKET =
      (CandySocket)
          Proxy.newProxyInstance(
              CandySocket.class.getClassLoader(),
              new Class<?>[] {CandySocket.class},
              (proxy, method, args) ->
                  switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "a sample socket";
                    default -> throw new UnsupportedOperationException(method.getName());
                  });

  private final Map<String, RouteChannels> routes;

  private CdiEvents(Map<String, RouteChannels> routes) {
    this.routes = Map.copyOf(routes);
  }

  /**
   * The events of the routes that have observers, or nothing when no route has any.
   *
   * @param beans the application's bean manager
   * @param templates the templates of the application's routes
   * @param application the application's class loader, the context loader while firing
   * @return the observer to add to the observatory, or empty
   */
  public static Optional<CdiEvents> find(
      BeanManager beans, Collection<String> templates, ClassLoader application) {
    Map<String, RouteChannels> found = new HashMap<>();
    for (String template : templates) {
      CandyRoute route = CandyRoute.Literal.of(template);
      RouteChannels channels =
          new RouteChannels(
              channel(beans, route, new CandyOpened(template, SAMPLE_SOCKET), application),
              channel(
                  beans,
                  route,
                  new CandyClosed(template, SAMPLE_SOCKET, new CloseStatus(CloseStatus.NORMAL, "")),
                  application),
              channel(beans, route, new CandyJoined(template, SAMPLE_SOCKET, "a"), application),
              channel(beans, route, new CandyLeft(template, SAMPLE_SOCKET, "a"), application),
              channel(
                  beans,
                  route,
                  new CandyRefused(template, CandyRefused.Reason.GUARD),
                  application));
      if (!channels.isEmpty()) {
        found.put(template, channels);
      }
    }
    return found.isEmpty() ? Optional.empty() : Optional.of(new CdiEvents(found));
  }

  /** A channel for the sample's type on one route, or {@code null} when nobody observes it. */
  private static <E> EventChannel<E> channel(
      BeanManager beans, CandyRoute route, E sample, ClassLoader application) {
    Set<ObserverMethod<? super E>> observers = beans.resolveObserverMethods(sample, route);
    boolean sync = observers.stream().anyMatch(observer -> !observer.isAsync());
    boolean async = observers.stream().anyMatch(ObserverMethod::isAsync);
    if (!sync && !async) {
      return null;
    }
    @SuppressWarnings("unchecked")
    Class<E> type = (Class<E>) sample.getClass();
    return new EventChannel<>(
        beans.getEvent().select(type, route),
        sync,
        async,
        application,
        new ObserverFailures(type.getSimpleName() + " of route " + route.value()));
  }

  /**
   * The routes whose events are fired, and which, for the start-up log.
   *
   * @return such as {@code /chat (CandyOpened, CandyClosed)}, one route after another
   */
  public String describe() {
    StringJoiner text = new StringJoiner(", ");
    routes.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(route -> text.add(route.getKey() + " (" + route.getValue().describe() + ")"));
    return text.toString();
  }

  @Override
  public void opened(String route, CandySocket socket) {
    RouteChannels channels = routes.get(route);
    if (channels != null && channels.opened() != null) {
      channels.opened().fire(new CandyOpened(route, socket));
    }
  }

  @Override
  public void closed(String route, CandySocket socket, CloseStatus status) {
    RouteChannels channels = routes.get(route);
    if (channels != null && channels.closed() != null) {
      channels.closed().fire(new CandyClosed(route, socket, status));
    }
  }

  @Override
  public void joined(String route, CandySocket socket, String room) {
    RouteChannels channels = routes.get(route);
    if (channels != null && channels.joined() != null) {
      channels.joined().fire(new CandyJoined(route, socket, room));
    }
  }

  @Override
  public void left(String route, CandySocket socket, String room) {
    RouteChannels channels = routes.get(route);
    if (channels != null && channels.left() != null) {
      channels.left().fire(new CandyLeft(route, socket, room));
    }
  }

  @Override
  public void refused(String route, Reason reason) {
    RouteChannels channels = routes.get(route);
    if (channels != null && channels.refused() != null) {
      channels.refused().fire(new CandyRefused(route, reason));
    }
  }

  /** One route's channels; {@code null} for an event type nobody observes there. */
  private record RouteChannels(
      EventChannel<CandyOpened> opened,
      EventChannel<CandyClosed> closed,
      EventChannel<CandyJoined> joined,
      EventChannel<CandyLeft> left,
      EventChannel<CandyRefused> refused) {

    boolean isEmpty() {
      return opened == null && closed == null && joined == null && left == null && refused == null;
    }

    String describe() {
      StringJoiner text = new StringJoiner(", ");
      if (opened != null) {
        text.add("CandyOpened");
      }
      if (closed != null) {
        text.add("CandyClosed");
      }
      if (joined != null) {
        text.add("CandyJoined");
      }
      if (left != null) {
        text.add("CandyLeft");
      }
      if (refused != null) {
        text.add("CandyRefused");
      }
      return text.toString();
    }
  }
}
