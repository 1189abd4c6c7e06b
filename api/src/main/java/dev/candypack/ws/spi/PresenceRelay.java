package dev.candypack.ws.spi;

import java.util.Map;

/**
 * A {@link CandyRelay} that also shares who is in which room ({@code CandySocket.enter}) between
 * the nodes. Optional: without it, presence is this node's own. candy-ws tells the relay when this
 * node's presence changes and reads it through {@link RelayContext#presence()}; the relay tells
 * candy-ws when the other nodes' presence changed through {@link
 * RelayContext#remotePresenceChanged()}.
 *
 * <pre>{@code
 * public class MyRelay implements CandyRelay, PresenceRelay {
 *   public void presenceChanged() { executor.execute(() -> share(node.presence())); }
 *   public Map<String, Integer> remotePresence(String room) { return othersLastShared(room); }
 * }
 * }</pre>
 *
 * <p>A node that dies must drop out within a time the relay documents, as its counts do.
 */
public interface PresenceRelay {

  /**
   * This node's presence changed: share {@link RelayContext#presence()} with the other nodes soon.
   * Runs on the thread that changed it, so it must not wait for the network.
   */
  void presenceChanged();

  /**
   * Who is in a room on the other nodes, as they last shared it.
   *
   * @param room the room's name
   * @return user to socket count, summed over the other nodes; empty when nobody
   */
  Map<String, Integer> remotePresence(String room);
}
