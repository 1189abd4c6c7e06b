package dev.candypack.ws.spi;

import java.util.Optional;

/**
 * Carries room, user and broadcast messages between the nodes of a cluster, CandyPack's pub/sub
 * between worker processes. Without one (the default) every fan-out stays on the node where it was
 * sent, at no cost.
 *
 * <p>A relay is a CDI bean of the application, for example the one that {@code candy-ws-hazelcast}
 * ships: candy-ws looks for a bean of this type when the application starts and, when it finds one,
 * calls {@link #start(RelayContext)}. From then on every {@code to(room).send}, {@code sendBinary},
 * {@code broadcast}, {@code CandyServer.toRoom}, {@code CandyServer.toUser} and {@code
 * CandyServer.broadcast} is encoded once, delivered to the node's own sockets, then handed to
 * {@link #publish(RelayMessage)}. The relay delivers what other nodes publish through {@link
 * RelayContext#deliver(RelayMessage)}, which reaches this node's sockets only and is never
 * published again.
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class MyRelay implements CandyRelay {
 *   private RelayContext node;
 *
 *   public boolean start(RelayContext node) {
 *     this.node = node;
 *     bus.subscribe(bytes -> {
 *       RelayMessage message = decode(bytes);
 *       if (!message.origin().equals(node.nodeId())) {   // every node ignores its own echo
 *         node.deliver(message);
 *       }
 *     });
 *     return true;
 *   }
 *
 *   public void publish(RelayMessage message) { bus.publishAsync(encode(message)); }
 *   public int remoteClientCount() { return 0; }
 *   public int remoteMemberCount(String room) { return 0; }
 *   public void stop() { bus.close(); }
 * }
 * }</pre>
 *
 * <p>Methods may be called from any thread. {@link #publish(RelayMessage)} runs on the sender's
 * thread (often a connection's message handler), so it must not wait for the network.
 *
 * <p>What a relay delivers reaches every socket of the application, so it must come from a node of
 * the application only: a relay authenticates what it receives (the Hazelcast relay signs every
 * message and report with {@code candy.ws.cluster.secret}), bounds what it decodes, and drops the
 * rest.
 */
public interface CandyRelay {

  /**
   * Starts relaying for one application, once, when the application starts.
   *
   * @param node this node of the application: its id, and where messages from other nodes go
   * @return {@code false} when the relay is turned off (by its configuration, say): candy-ws then
   *     stays local-only and never calls the relay again
   * @throws RuntimeException when the relay is turned on but cannot start; the deployment fails
   *     with its message
   */
  boolean start(RelayContext node);

  /**
   * Hands a message to the other nodes. Called after the message went to this node's own sockets;
   * must return without waiting for the network, and must not throw. A message that cannot be
   * published (the grid is unreachable) is dropped: it has reached this node's sockets only.
   *
   * @param message the message, already encoded
   */
  void publish(RelayMessage message);

  /**
   * How many connections the other nodes last reported, together.
   *
   * @return the count, 0 when no other node has reported
   */
  int remoteClientCount();

  /**
   * How many members a room has on the other nodes, as they last reported.
   *
   * @param room the room's name
   * @return the count, 0 when the room has no members elsewhere
   */
  int remoteMemberCount(String room);

  /**
   * Why this node cannot reach the other nodes now, if it cannot: candy-ws's readiness check
   * ({@code candy-ws} in {@code /health/ready}) is DOWN with this reason while it is present.
   * Called from any thread whenever the health is read, so it must answer at once from what the
   * relay already knows. The default, for a relay that cannot tell, is always empty.
   *
   * <pre>{@code
   * public Optional<String> outage() {
   *   return bus.isConnected() ? Optional.empty() : Optional.of("the bus is unreachable");
   * }
   * }</pre>
   *
   * @return the reason, or empty while the other nodes can be reached (or before {@link #start})
   */
  default Optional<String> outage() {
    return Optional.empty();
  }

  /** Stops relaying when the application stops; releases what {@link #start} acquired. */
  void stop();
}
