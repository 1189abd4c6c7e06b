package dev.candypack.ws.impl.connection;

import dev.candypack.ws.impl.policy.RateLimiter;

/**
 * The limits one connection keeps: the size of incoming messages, their rate, and the backlog of
 * outgoing ones.
 *
 * @param maxMessageSize the largest incoming message in bytes, fragments counted together
 * @param rateLimiter counts incoming messages; one per connection
 * @param maxBacklogBytes how many outgoing payload bytes may wait before the client counts as too
 *     slow
 */
public record ConnectionLimits(
    long maxMessageSize, RateLimiter rateLimiter, long maxBacklogBytes) {}
