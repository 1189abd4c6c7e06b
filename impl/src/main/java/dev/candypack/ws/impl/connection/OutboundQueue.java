package dev.candypack.ws.impl.connection;

import dev.candypack.ws.impl.codec.OutboundMessage;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The frames waiting to go out on one connection. Jakarta WebSocket allows one asynchronous send at
 * a time per connection, so frames leave one after the other, in the order they were queued, and
 * whoever queues a frame never waits for the network.
 */
final class OutboundQueue {

  private static final Logger LOG = Logger.getLogger(OutboundQueue.class.getName());

  /** The thread that is sending from a queue, so that a send completing inline does not recurse. */
  private static final ThreadLocal<OutboundQueue> PUMPING = new ThreadLocal<>();

  private final Transport transport;
  private final long maxBacklogBytes;
  private final Runnable overflow;
  private final Queue<Object> frames = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean sending = new AtomicBoolean();
  private final AtomicLong backlogBytes = new AtomicLong();
  private volatile boolean closed;
  private int inFlightBytes; // written and read by whoever holds `sending`

  /**
   * Creates the queue of one connection.
   *
   * @param transport the container's side of the connection
   * @param maxBacklogBytes how many payload bytes may wait, the one in flight included
   * @param overflow called, instead of queuing, by a send that would go over the backlog
   */
  OutboundQueue(Transport transport, long maxBacklogBytes, Runnable overflow) {
    this.transport = transport;
    this.maxBacklogBytes = maxBacklogBytes;
    this.overflow = overflow;
  }

  /**
   * Queues a message, or reports an overflow when the client reads too slowly to take it.
   *
   * @param message the encoded message
   */
  void send(OutboundMessage message) {
    if (closed) {
      return;
    }
    if (backlogBytes.addAndGet(message.size()) > maxBacklogBytes) {
      backlogBytes.addAndGet(-message.size());
      overflow.run();
      return;
    }
    offer(message);
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
   * How many payload bytes wait to be sent, the one in flight included.
   *
   * @return the backlog in bytes
   */
  long backlogBytes() {
    return backlogBytes.get();
  }

  /** Queues a ping frame behind the messages already queued. */
  void ping() {
    offer(Control.PING);
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
      while (!frames.isEmpty() && sending.compareAndSet(false, true)) {
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
        inFlightBytes = text.size();
        transport.sendText(text.text(), this::sent);
      } else if (frame instanceof OutboundMessage.Binary binary) {
        inFlightBytes = binary.size();
        transport.sendBinary(binary.view(), this::sent);
      } else if (frame == Control.PING) {
        transport.ping();
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

  private void sent(Throwable failure) {
    if (failure != null && !closed) {
      LOG.log(Level.FINE, "send failed; the connection is closing", failure);
    }
    if (!closed) {
      backlogBytes.addAndGet(-inFlightBytes); // discard() has already emptied the backlog
    }
    inFlightBytes = 0;
    sending.set(false);
    if (PUMPING.get() != this) {
      pump();
    }
  }

  private enum Control {
    PING
  }

  private record Close(int code, String reason) {}
}
