package dev.candypack.ws.impl.observe;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One application's counters and observers: a {@link RouteWatch} per route template, the relay's
 * {@link RelayMeter}, and the {@link ConnectionObserver}s that metrics, events and the dashboard
 * add while the application starts.
 */
public final class Observatory {

  private final Map<String, RouteWatch> routes = new ConcurrentHashMap<>();
  private final RelayMeter relay = new RelayMeter();
  // Read on every open, close, join and leave; written a few times while the application starts.
  private volatile List<ConnectionObserver> observers = List.of();

  /**
   * The watch of a route, made on first use.
   *
   * @param template the route's template
   * @return its watch
   */
  public RouteWatch route(String template) {
    return routes.computeIfAbsent(template, t -> new RouteWatch(new RouteMeter(t), this));
  }

  /**
   * The counters of every route seen so far.
   *
   * @return the meters, in no particular order
   */
  public Collection<RouteMeter> meters() {
    return routes.values().stream().map(RouteWatch::meter).toList();
  }

  /**
   * The relay's counters, zero without a relay.
   *
   * @return the meter
   */
  public RelayMeter relay() {
    return relay;
  }

  /**
   * Adds an observer of every connection from now on.
   *
   * @param observer the observer
   */
  public synchronized void observe(ConnectionObserver observer) {
    List<ConnectionObserver> next = new ArrayList<>(observers);
    next.add(observer);
    observers = List.copyOf(next);
  }

  List<ConnectionObserver> observers() {
    return observers;
  }
}
