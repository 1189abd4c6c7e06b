package dev.candypack.ws.impl.connection;

import dev.candypack.ws.impl.codec.OutboundMessage;
import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The frames waiting to go out on one connection. They leave in the order they were queued, and
 * whoever queues a frame never waits for the network.
 *
 * <p>Up to {@link Transport#window()} messages may be with the container at once, so that a burst
 * does not wait for each send's completion before handing over the next (Jakarta WebSocket allows a
 * container to refuse a send while another is in progress: the first refusal brings this queue back
 * to one at a time). Pings and the close frame wait until every message before them has completed:
 * they may take another path through the container than messages do.
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

  private static final AtomicIntegerFieldUpdater<OutboundQueue> IN_FLIGHT =
      AtomicIntegerFieldUpdater.newUpdater(OutboundQueue.class, "inFlight");

  private final Transport transport;
  private final long maxBacklogBytes;
  private final int maxBacklogMessages;
  private final Runnable overflow;
  private final Queue<Object> frames = new ConcurrentLinkedQueue<>();
  // Held by the one thread that takes frames from the queue and hands them to the transport.
  private final AtomicBoolean pumping = new AtomicBoolean();
  private final AtomicLong backlogBytes = new AtomicLong();
  // Counts of frames, the close frame excepted: fields, not more objects per connection.
  private volatile long queued; // ever queued; through QUEUED
  private volatile long completed; // sent or failed; through COMPLETED
  private volatile long confirmed; // read by the peer, as far as its pongs tell
  private volatile int inFlight; // messages with the transport, not completed; through IN_FLIGHT
  private volatile int window; // how many may be; 1 once the container refused more
  private volatile boolean probeDue;
  private volatile boolean closed;
  // A message the container refused to take while others were in flight, sent again first once
  // they have completed. Written only by whoever holds `pumping`.
  private volatile OutboundMessage refused;

  /**
   * Creates the queue of one connection.
   *
   * @param transport the container's side of the connection
   * @param maxBacklogBytes how many bytes may wait, those in flight and the cost per message
   *     included
   * @param maxBacklogMessages how many messages may wait, those in flight included
   * @param overflow called, instead of queuing, by a send that would go over the backlog
   */
  OutboundQueue(
      Transport transport, long maxBacklogBytes, int maxBacklogMessages, Runnable overflow) {
    this.transport = transport;
    this.maxBacklogBytes = maxBacklogBytes;
    this.maxBacklogMessages = maxBacklogMessages;
    this.overflow = overflow;
    this.window = Math.max(1, transport.window());
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
   * How many bytes wait to be sent, those in flight and the cost per message included.
   *
   * @return the backlog in bytes
   */
  long backlogBytes() {
    return backlogBytes.get();
  }

  /**
   * How many messages and pings wait to be sent, those in flight included.
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
      while (hasWork() && pumping.compareAndSet(false, true)) {
        try {
          pumpWhileAllowed();
        } finally {
          pumping.set(false);
        }
      }
    } finally {
      PUMPING.set(outer);
    }
  }

  /** Whether the pump has something it may do now; checked again after letting go of it. */
  private boolean hasWork() {
    if (probeDue) {
      return true;
    }
    Object next = refused != null ? refused : frames.peek();
    return next != null && (closed || mayHandOver(next));
  }

  private boolean mayHandOver(Object frame) {
    int sending = inFlight;
    return frame instanceof OutboundMessage ? sending < window : sending == 0;
  }

  // Runs while holding `pumping`.
  private void pumpWhileAllowed() {
    while (true) {
      if (probeDue) {
        probeDue = false;
        probe();
        continue;
      }
      if (closed) {
        frames.clear();
        refused = null;
        return;
      }
      Object frame = refused != null ? refused : frames.peek();
      if (frame == null || !mayHandOver(frame)) {
        return;
      }
      if (frame == refused) {
        refused = null;
      } else {
        frames.poll();
      }
      hand(frame);
    }
  }

  private void hand(Object frame) {
    if (frame instanceof OutboundMessage message) {
      long cost = cost(message);
      IN_FLIGHT.incrementAndGet(this);
      try {
        if (message instanceof OutboundMessage.Text text) {
          transport.send(text, failure -> sent(cost, failure));
        } else {
          transport.send((OutboundMessage.Binary) message, failure -> sent(cost, failure));
        }
      } catch (IllegalStateException e) {
        if (IN_FLIGHT.decrementAndGet(this) > 0) {
          // The container takes one send at a time after all: so be it, from now on.
          window = 1;
          refused = message;
        } else {
          sent(cost, e, false);
        }
      } catch (RuntimeException e) {
        IN_FLIGHT.decrementAndGet(this);
        sent(cost, e, false);
      }
    } else if (frame instanceof Control ping) {
      try {
        transport.ping(
            ping == Control.HEARTBEAT ? Heartbeat.payload(completed + 1) : NO_DATA.duplicate());
      } catch (Exception e) {
        LOG.log(Level.FINE, "a ping failed; the connection is closing", e);
      }
      countCompleted(ConnectionLimits.FRAME_COST);
    } else if (frame instanceof Close close) {
      closed = true;
      frames.clear();
      try {
        transport.close(close.code(), close.reason());
      } catch (Exception e) {
        LOG.log(Level.FINE, "the close failed", e);
      }
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

  /** A message the transport took has completed, on whatever thread the container calls. */
  private void sent(long cost, Throwable failure) {
    IN_FLIGHT.decrementAndGet(this);
    sent(cost, failure, true);
  }

  private void sent(long cost, Throwable failure, boolean pumpAgain) {
    if (failure != null && !closed) {
      LOG.log(Level.FINE, "send failed; the connection is closing", failure);
    }
    countCompleted(cost);
    if (pumpAgain && PUMPING.get() != this) {
      pump();
    }
  }

  private void countCompleted(long cost) {
    if (!closed) {
      backlogBytes.addAndGet(-cost); // discard() has already emptied the backlog
    }
    if (COMPLETED.incrementAndGet(this) % probeInterval() == 0) {
      probeDue = true;
    }
  }

  private enum Control {
    PING,
    HEARTBEAT
  }

  private record Close(int code, String reason) {}
}
