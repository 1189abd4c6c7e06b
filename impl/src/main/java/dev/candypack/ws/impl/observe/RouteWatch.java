package dev.candypack.ws.impl.observe;

import dev.candypack.ws.CandySocket;
import dev.candypack.ws.CloseStatus;
import dev.candypack.ws.event.CandyRefused.Reason;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What a connection reports to: its route's counters and the application's observers. One per route
 * template, shared by all of the route's connections.
 */
public final class RouteWatch {

  private static final Logger LOG = Logger.getLogger(RouteWatch.class.getName());

  private final RouteMeter meter;
  private final Observatory observatory;

  RouteWatch(RouteMeter meter, Observatory observatory) {
    this.meter = meter;
    this.observatory = observatory;
  }

  /**
   * The route's counters; a connection counts its messages there directly.
   *
   * @return the meter
   */
  public RouteMeter meter() {
    return meter;
  }

  /**
   * A socket opened: its route's handler finished.
   *
   * @param socket the socket
   */
  public void opened(CandySocket socket) {
    meter.countOpened();
    notify(observer -> observer.opened(meter.route(), socket));
  }

  /**
   * A socket that {@linkplain #opened opened} has closed.
   *
   * @param socket the socket
   * @param status its close status
   */
  public void closed(CandySocket socket, CloseStatus status) {
    meter.countClosed(status.code());
    notify(observer -> observer.closed(meter.route(), socket, status));
  }

  /**
   * A socket joined a room.
   *
   * @param socket the socket
   * @param room the room
   */
  public void joined(CandySocket socket, String room) {
    notify(observer -> observer.joined(meter.route(), socket, room));
  }

  /**
   * A socket left a room.
   *
   * @param socket the socket
   * @param room the room
   */
  public void left(CandySocket socket, String room) {
    notify(observer -> observer.left(meter.route(), socket, room));
  }

  /**
   * A handshake to this route was refused.
   *
   * @param reason why
   */
  public void refused(Reason reason) {
    meter.countRefused(reason);
    notify(observer -> observer.refused(meter.route(), reason));
  }

  private void notify(Consumer<ConnectionObserver> event) {
    for (ConnectionObserver observer : observatory.observers()) {
      try {
        event.accept(observer);
      } catch (RuntimeException | LinkageError e) {
        LOG.log(Level.WARNING, "candy-ws: an observer of route " + meter.route() + " failed", e);
      }
    }
  }
}
