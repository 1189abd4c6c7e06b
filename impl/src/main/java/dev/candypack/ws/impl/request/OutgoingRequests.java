package dev.candypack.ws.impl.request;

import dev.candypack.ws.CandyMessage;
import dev.candypack.ws.RequestFailedException;
import dev.candypack.ws.RequestFailedException.Reason;
import jakarta.json.JsonNumber;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;

/**
 * The requests a route has asked its client and is waiting on, at most {@code
 * candy.ws.max-pending-requests}; each leaves on its reply, its timeout or the connection's close.
 */
final class OutgoingRequests {

  private final Channel channel;
  private final Map<Long, Pending> pending = new HashMap<>(); // guarded by this
  private long lastId; // guarded by this
  private boolean closed; // guarded by this

  private static final class Pending {
    final CompletableFuture<CandyMessage> reply = new CompletableFuture<>();
    ScheduledFuture<?> timer; // guarded by OutgoingRequests.this
  }

  OutgoingRequests(Channel channel) {
    this.channel = channel;
  }

  CompletionStage<CandyMessage> ask(Object data, long timeoutMillis) {
    String json = channel.codec().json(data);
    Pending entry = new Pending();
    long id;
    synchronized (this) {
      if (closed) {
        return failed(Reason.CLOSED, "the connection is closed");
      }
      if (pending.size() >= channel.settings().maxPending()) {
        return failed(
            Reason.TOO_MANY,
            "the connection has "
                + pending.size()
                + " requests waiting for a reply, as many as candy.ws.max-pending-requests allows");
      }
      id = ++lastId;
      pending.put(id, entry);
    }
    ScheduledFuture<?> timer =
        channel.schedule(
            () -> fail(id, Reason.TIMED_OUT, "no reply within " + timeoutMillis + " ms"),
            timeoutMillis);
    if (timer == null) {
      fail(id, Reason.CLOSED, "the application is stopping");
      return entry.reply;
    }
    synchronized (this) {
      if (pending.get(id) == entry) {
        entry.timer = timer;
        timer = null;
      }
    }
    if (timer != null) {
      timer.cancel(false); // answered or closed already
    }
    channel.send(Envelope.request(id, json));
    return entry.reply;
  }

  /** Whether the route has asked anything: only then are replies taken from the messages. */
  synchronized boolean asked() {
    return lastId > 0;
  }

  /** A reply arrived; one to a request that is no longer pending is dropped. */
  void replied(Envelope reply) {
    if (!(reply.id() instanceof JsonNumber number) || !number.isIntegral()) {
      return;
    }
    Pending entry = remove(number.longValue());
    if (entry == null) {
      return;
    }
    if (reply.error() != null) {
      entry.reply.completeExceptionally(new RequestFailedException(Reason.REFUSED, reply.error()));
    } else {
      entry.reply.complete(channel.codec().decode(reply.data()));
    }
  }

  /** The connection closed: every pending request fails. */
  void close() {
    List<Pending> left;
    synchronized (this) {
      closed = true;
      left = new ArrayList<>(pending.values());
      pending.clear();
    }
    for (Pending entry : left) {
      cancel(entry.timer);
      entry.reply.completeExceptionally(
          new RequestFailedException(Reason.CLOSED, "the connection closed before the reply"));
    }
  }

  private void fail(long id, Reason reason, String message) {
    Pending entry = remove(id);
    if (entry != null) {
      entry.reply.completeExceptionally(new RequestFailedException(reason, message));
    }
  }

  private Pending remove(long id) {
    Pending entry;
    ScheduledFuture<?> timer;
    synchronized (this) {
      entry = pending.remove(id);
      if (entry == null) {
        return null;
      }
      timer = entry.timer;
    }
    cancel(timer);
    return entry;
  }

  private static void cancel(ScheduledFuture<?> timer) {
    if (timer != null) {
      timer.cancel(false);
    }
  }

  private static CompletionStage<CandyMessage> failed(Reason reason, String message) {
    return CompletableFuture.failedFuture(new RequestFailedException(reason, message));
  }
}
