/**
 * The lifecycle of connections as CDI events: a socket {@linkplain
 * dev.candypack.ws.event.CandyOpened opened}, {@linkplain dev.candypack.ws.event.CandyJoined
 * joined} or {@linkplain dev.candypack.ws.event.CandyLeft left} a room, {@linkplain
 * dev.candypack.ws.event.CandyClosed closed}, and a handshake {@linkplain
 * dev.candypack.ws.event.CandyRefused refused}. An application observes them with plain
 * {@code @Observes} or {@code @ObservesAsync}; the {@link dev.candypack.ws.CandyRoute} qualifier
 * with a route's template takes that route's events only, and an observer without a qualifier takes
 * every route's.
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class Presence {
 *   void opened(@Observes @CandyRoute("/chat") CandyOpened e) {
 *     e.socket().send(Map.of("type", "hello"));
 *   }
 *
 *   void closed(@ObservesAsync CandyClosed e) { // every route, off the connection's thread
 *     audit.write(e.route(), e.socket().id(), e.status().code());
 *   }
 * }
 * }</pre>
 *
 * <p><b>Order.</b> For each socket, {@code CandyOpened} comes first (after the route's handler has
 * run, with the rooms it joined following as {@code CandyJoined}), then its joins and leaves as
 * they happen, then, when it closes, a {@code CandyLeft} for each room it was still in and {@code
 * CandyClosed} last. Only sockets that opened close: a refused handshake gives one {@code
 * CandyRefused} and nothing else. Synchronous observers see exactly this order; asynchronous ones
 * may see a socket's events in any order.
 *
 * <p><b>Threads.</b> A synchronous observer runs on the thread the event happened on: the
 * connection's own thread (the container's I/O thread, or candy-ws's timer for a connection it
 * ends), while the connection waits. It must be quick; slow work (a database, a remote call)
 * belongs in an {@code @ObservesAsync} observer, which runs on the container's CDI executor.
 *
 * <p><b>Failures.</b> An exception thrown by an observer is logged (at most one line a minute for
 * each route and event type) and the connection goes on. As with any CDI event, it stops the
 * delivery of that one event to the synchronous observers not yet called.
 *
 * <p><b>Cost.</b> candy-ws finds the observers when the application starts: an event type nobody
 * observes for a route is never created nor fired, and an application without observers pays
 * nothing. An observer of a route must therefore name the template exactly as the route declares
 * it, such as {@code @CandyRoute("/room/{roomId}")}.
 */
package dev.candypack.ws.event;
