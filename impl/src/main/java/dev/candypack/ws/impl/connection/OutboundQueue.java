package dev.candypack.ws.impl.connection;

import dev.candypack.ws.impl.codec.OutboundMessage;
import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The frames waiting to go out on one connection. Jakarta WebSocket allows one asynchronous send at
 * a time per connection, so frames leave one after the other, in the order they were queued, and
 * whoever queues a frame never waits for the network.
 *
 * <p>The backlog is bounded twice: in bytes, each message (and ping) costing its payload plus
 * {@link ConnectionLimits#FRAME_COST}, and in messages. The close frame is never counted.
 *
 * <p>A send that has completed is not always on its way to the peer: Payara's container completes
 * it once its own write queue holds the frame, and that queue is bounded in bytes only, so a peer
 * that never reads can make it hold millions of small frames. So the queue also bounds what the
 * peer has not read: after every quarter of the message limit it pings with the count of frames
 * written so far (as does the heartbeat), a pong that echoes the count confirms them, and at most
 * {@link #UNREAD_FACTOR} times the message limit may be unconfirmed.
 */
final class OutboundQueue {

  private static final Logger LOG = Logger.getLogger(OutboundQueue.class.getName());

  /** The thread that is sending from a queue, so that a send completing inline does not recurse. */
  private static final ThreadLocal<OutboundQueue> PUMPING = new ThreadLocal<>();

  private static final ByteBuffer NO_DATA = ByteBuffer.allocate(0);

  /**
   * How many times the message limit may have been handed to the container without the peer having
   * confirmed reading them: room for a burst to a client that reads, none for one that does not.
   */
  static final int UNREAD_FACTOR = 16;

  private static final AtomicLongFieldUpdater<OutboundQueue> QUEUED =
      AtomicLongFieldUpdater.newUpdater(OutboundQueue.class, "queued");
  private static final AtomicLongFieldUpdater<OutboundQueue> COMPLETED =
      AtomicLongFieldUpdater.newUpdater(OutboundQueue.class, "completed");

  private final Transport transport;
  private final long maxBacklogBytes;
  private final int maxBacklogMessages;
  private final Runnable overflow;
  private final Queue<Object> frames = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean sending = new AtomicBoolean();
  private final AtomicLong backlogBytes = new AtomicLong();
  // Counts of frames, the close frame excepted: fields, not more objects per connection.
  private volatile long queued; // ever queued; through QUEUED
  private volatile long completed; // sent or failed, in order; written by the holder of `sending`
  private volatile long confirmed; // read by the peer, as far as its pongs tell
  private volatile boolean probeDue;
  private volatile boolean closed;
  // Written and read by whoever holds `sending`:
  private long inFlightCost; // 0 for a close
  private int untilProbe;

  /**
   * Creates the queue of one connection.
   *
   * @param transport the container's side of the connection
   * @param maxBacklogBytes how many bytes may wait, the one in flight and the cost per message
   *     included
   * @param maxBacklogMessages how many messages may wait, the one in flight included
   * @param overflow called, instead of queuing, by a send that would go over the backlog
   */
  OutboundQueue(
      Transport transport, long maxBacklogBytes, int maxBacklogMessages, Runnable overflow) {
    this.transport = transport;
    this.maxBacklogBytes = maxBacklogBytes;
    this.maxBacklogMessages = maxBacklogMessages;
    this.overflow = overflow;
    this.untilProbe = probeInterval();
  }

  /**
   * Queues a message, or reports an overflow when the client reads too slowly to take it.
   *
   * @param message the encoded message
   */
  void send(OutboundMessage message) {
    enqueue(message, cost(message));
  }

  /**
   * Gives up on the connection at once: drops the backlog and closes the transport on another
   * thread, since a client that does not read may keep a close waiting.
   *
   * @param code the close code
   * @param reason the reason
   * @param closer runs the close
   */
  void abort(int code, String reason, Executor closer) {
    discard();
    closer.execute(
        () -> {
          try {
            transport.closeNow(code, reason);
          } catch (Exception e) {
            LOG.log(Level.FINE, "close after an overflow failed", e);
          }
        });
  }

  /**
   * Drops everything queued and ends the transport at once, without waiting for a close handshake.
   */
  void end() {
    discard();
    try {
      transport.end();
    } catch (Exception e) {
      LOG.log(Level.FINE, "ending the connection failed", e);
    }
  }

  /**
   * How many bytes wait to be sent, the one in flight and the cost per message included.
   *
   * @return the backlog in bytes
   */
  long backlogBytes() {
    return backlogBytes.get();
  }

  /**
   * How many messages and pings wait to be sent, the one in flight included.
   *
   * @return the count
   */
  int backlogMessages() {
    return closed ? 0 : (int) (queued - completed);
  }

  /**
   * How many messages and pings the peer has not confirmed reading, waiting ones included.
   *
   * @return the count
   */
  long unread() {
    return closed ? 0 : queued - confirmed;
  }

  /**
   * The peer answered one of this queue's pings: it has read the frames written before it.
   *
   * @param frames the count the ping carried; more than were queued confirms no more than that
   */
  void confirm(long frames) {
    long read = Math.min(frames, queued);
    if (read > confirmed) {
      confirmed = read; // pongs of one connection arrive one at a time
    }
  }

  /** Queues a ping frame behind the messages already queued; it counts as an empty message. */
  void ping() {
    enqueue(Control.PING, ConnectionLimits.FRAME_COST);
  }

  /** Queues the heartbeat's ping, which carries {@link Heartbeat#PAYLOAD}, like any ping. */
  void heartbeat() {
    enqueue(Control.HEARTBEAT, ConnectionLimits.FRAME_COST);
  }

  /**
   * Queues a close frame behind the messages already queued; later frames are dropped.
   *
   * @param code the close code
   * @param reason the reason
   */
  void close(int code, String reason) {
    offer(new Close(code, reason));
  }

  /** Drops everything queued; the connection is gone. */
  void discard() {
    closed = true;
    frames.clear();
    backlogBytes.set(0);
  }

  /**
   * How many frames wait to be sent.
   *
   * @return the count
   */
  int pending() {
    return frames.size();
  }

  private void enqueue(Object frame, long cost) {
    if (closed) {
      return;
    }
    long bytes = backlogBytes.addAndGet(cost);
    long total = QUEUED.incrementAndGet(this);
    if (bytes > maxBacklogBytes
        || total - completed > maxBacklogMessages
        || total - confirmed > (long) maxBacklogMessages * UNREAD_FACTOR) {
      backlogBytes.addAndGet(-cost);
      QUEUED.decrementAndGet(this);
      overflow.run();
      return;
    }
    offer(frame);
  }

  private static long cost(OutboundMessage message) {
    return message.size() + (long) ConnectionLimits.FRAME_COST;
  }

  private void offer(Object frame) {
    if (closed) {
      return;
    }
    frames.add(frame);
    pump();
  }

  private void pump() {
    OutboundQueue outer = PUMPING.get();
    PUMPING.set(this);
    try {
      while ((probeDue || !frames.isEmpty()) && sending.compareAndSet(false, true)) {
        if (probeDue) {
          probeDue = false;
          probe();
          sending.set(false);
          continue;
        }
        Object frame = frames.poll();
        if (frame == null || closed) {
          sending.set(false);
          if (closed) {
            frames.clear();
            return;
          }
          continue;
        }
        write(frame);
      }
    } finally {
      PUMPING.set(outer);
    }
  }

  private void write(Object frame) {
    try {
      if (frame instanceof OutboundMessage.Text text) {
        inFlightCost = cost(text);
        transport.send(text, this::sent);
      } else if (frame instanceof OutboundMessage.Binary binary) {
        inFlightCost = cost(binary);
        transport.send(binary, this::sent);
      } else if (frame instanceof Control ping) {
        inFlightCost = ConnectionLimits.FRAME_COST;
        transport.ping(
            ping == Control.HEARTBEAT ? Heartbeat.payload(completed + 1) : NO_DATA.duplicate());
        sent(null);
      } else if (frame instanceof Close close) {
        closed = true;
        frames.clear();
        transport.close(close.code(), close.reason());
        sending.set(false);
      }
    } catch (Exception e) {
      sent(e);
    }
  }

  private int probeInterval() {
    return Math.max(1, maxBacklogMessages / 4);
  }

  /** Asks the peer to confirm the frames written so far; its pong goes to {@link #confirm}. */
  private void probe() {
    if (closed) {
      return;
    }
    try {
      transport.ping(Heartbeat.payload(completed));
    } catch (Exception e) {
      LOG.log(Level.FINE, "a ping failed; the connection is closing", e);
    }
  }

  private void sent(Throwable failure) {
    if (failure != null && !closed) {
      LOG.log(Level.FINE, "send failed; the connection is closing", failure);
    }
    if (inFlightCost > 0) {
      if (!closed) {
        backlogBytes.addAndGet(-inFlightCost); // discard() has already emptied the backlog
      }
      COMPLETED.lazySet(this, completed + 1); // only this thread writes it: no atomic needed
      if (--untilProbe == 0) {
        untilProbe = probeInterval();
        probeDue = true;
      }
    }
    inFlightCost = 0;
    sending.set(false);
    if (PUMPING.get() != this) {
      pump();
    }
  }

  private enum Control {
    PING,
    HEARTBEAT
  }

  private record Close(int code, String reason) {}
}
