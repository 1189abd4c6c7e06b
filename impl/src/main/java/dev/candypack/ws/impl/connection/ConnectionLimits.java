package dev.candypack.ws.impl.connection;

import dev.candypack.ws.impl.policy.RateLimiter;

/**
 * The limits one connection keeps: the size of incoming messages, their rate, the backlog of
 * outgoing ones (and of incoming ones held while the route's handler runs), and its rooms.
 *
 * @param maxMessageSize the largest incoming message in bytes, fragments counted together
 * @param rateLimiter counts incoming messages; one per connection
 * @param maxBacklogBytes how many bytes may wait, {@link #FRAME_COST} per message included, before
 *     the client counts as too slow
 * @param maxBacklogMessages how many messages may wait before the client counts as too slow
 * @param maxRoomName the longest room name the connection may join, in characters
 * @param maxRooms how many rooms the connection may be in at once
 */
public record ConnectionLimits(
    long maxMessageSize,
    RateLimiter rateLimiter,
    long maxBacklogBytes,
    int maxBacklogMessages,
    int maxRoomName,
    int maxRooms) {

  /**
   * What a waiting message costs besides its payload: its queue node, the message object and the
   * headers of its string or array. Without it, a client fed empty messages would never be over a
   * limit in bytes while the heap grows.
   */
  public static final int FRAME_COST = 64;
}
