package dev.candypack.ws.tck.events;

import dev.candypack.ws.CandyRoute;
import dev.candypack.ws.event.CandyClosed;
import dev.candypack.ws.event.CandyJoined;
import dev.candypack.ws.event.CandyLeft;
import dev.candypack.ws.event.CandyOpened;
import dev.candypack.ws.event.CandyRefused;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The application's observers of candy-ws's lifecycle events, and what each has seen: {@code
 * watched} by observers qualified {@code @CandyRoute("/watched")}, {@code all} by unqualified ones,
 * {@code async} by asynchronous ones of {@code /watched}.
 */
@ApplicationScoped
public class EventLog {

  private final List<String> watched = new CopyOnWriteArrayList<>();
  private final List<String> all = new CopyOnWriteArrayList<>();
  private final List<String> async = new CopyOnWriteArrayList<>();

  void opened(@Observes @CandyRoute("/watched") CandyOpened e) {
    watched.add("opened " + e.socket().id());
  }

  void joined(@Observes @CandyRoute("/watched") CandyJoined e) {
    watched.add("joined " + e.socket().id() + " " + e.room());
  }

  void left(@Observes @CandyRoute("/watched") CandyLeft e) {
    watched.add("left " + e.socket().id() + " " + e.room());
  }

  void closed(@Observes @CandyRoute("/watched") CandyClosed e) {
    watched.add("closed " + e.socket().id() + " " + e.status().code());
  }

  void anyOpened(@Observes CandyOpened e) {
    all.add("opened " + e.route() + " " + e.socket().id());
  }

  void anyClosed(@Observes CandyClosed e) {
    all.add("closed " + e.route() + " " + e.socket().id() + " " + e.status().code());
  }

  void anyRefused(@Observes CandyRefused e) {
    all.add("refused " + e.route() + " " + e.reason().label());
  }

  void openedLater(@ObservesAsync @CandyRoute("/watched") CandyOpened e) {
    async.add("opened " + e.socket().id());
  }

  void closedLater(@ObservesAsync @CandyRoute("/watched") CandyClosed e) {
    async.add("closed " + e.socket().id() + " " + e.status().code());
  }

  void breaks(@Observes @CandyRoute("/throwing") CandyOpened e) {
    throw new IllegalStateException("an observer that breaks");
  }

  /**
   * What the synchronous observers of {@code /watched} have seen, in order.
   *
   * @return the events
   */
  public List<String> watched() {
    return watched;
  }

  /**
   * What the unqualified observers have seen, in order.
   *
   * @return the events
   */
  public List<String> all() {
    return all;
  }

  /**
   * What the asynchronous observers of {@code /watched} have seen.
   *
   * @return the events
   */
  public List<String> async() {
    return async;
  }
}
