package dev.candypack.ws.impl.request;

import dev.candypack.ws.CandyMessage;
import dev.candypack.ws.Registration;
import dev.candypack.ws.impl.request.Envelope.Failure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Function;
import java.util.logging.Level;

/**
 * The client's requests to a route: the route's request handler, and the requests whose stages are
 * still running, at most {@code candy.ws.max-pending-requests}, each answered by its stage, its
 * timeout, or not at all once the connection has closed.
 */
final class IncomingRequests {

  // Clients trigger both as fast as they can send.
  private static final RequestLog OVER_LIMIT =
      new RequestLog(
          Level.INFO,
          "request(s) answered '"
              + Failure.TOO_MANY.text
              + "', over candy.ws.max-pending-requests,");
  private static final RequestLog SLOW =
      new RequestLog(
          Level.WARNING,
          "request(s) answered '"
              + Failure.TIMED_OUT.text
              + "', their handler slower than candy.ws.request-timeout-ms,");

  private static final Registration NOTHING_TO_REMOVE = () -> {};

  private final Channel channel;
  private volatile Function<CandyMessage, ?> handler;
  private final Map<Long, Running> running = new HashMap<>(); // guarded by this
  private long lastSeq; // guarded by this
  private boolean closed; // guarded by this

  private static final class Running {
    ScheduledFuture<?> timer; // guarded by IncomingRequests.this
  }

  IncomingRequests(Channel channel) {
    this.channel = channel;
  }

  Registration answerWith(Function<CandyMessage, ?> newHandler) {
    if (newHandler == null) {
      throw new NullPointerException("handler");
    }
    synchronized (this) {
      if (closed) {
        return NOTHING_TO_REMOVE;
      }
      handler = newHandler;
    }
    return () -> {
      synchronized (this) {
        if (handler == newHandler) {
          handler = null;
        }
      }
    };
  }

  /** Whether the route answers requests; without a handler they are ordinary messages. */
  boolean answering() {
    return handler != null;
  }

  /**
   * Hands a request to the handler.
   *
   * @return {@code false} when there is no handler: the request is an ordinary message
   */
  boolean handle(Envelope request) {
    Function<CandyMessage, ?> current = handler;
    if (current == null) {
      return false;
    }
    String id = request.id().toString();
    Running entry = new Running();
    long seq;
    synchronized (this) {
      if (closed) {
        return true;
      }
      if (running.size() >= channel.settings().maxPending()) {
        OVER_LIMIT.count(() -> running.size() + " running on one connection");
        channel.send(Envelope.error(id, Failure.TOO_MANY));
        return true;
      }
      seq = ++lastSeq;
      running.put(seq, entry);
    }
    Object result;
    try {
      result = current.apply(channel.codec().decode(request.data()));
    } catch (RuntimeException | Error e) {
      finish(seq, id, null, e);
      return true;
    }
    if (!(result instanceof CompletionStage<?> stage)) {
      finish(seq, id, result, null);
      return true;
    }
    stage.whenComplete((value, failure) -> finish(seq, id, value, failure));
    ScheduledFuture<?> timer =
        channel.schedule(() -> timedOut(seq, id), channel.settings().timeoutMillis());
    synchronized (this) {
      if (running.get(seq) == entry) {
        entry.timer = timer;
        timer = null;
      }
    }
    if (timer != null) {
      timer.cancel(false); // the stage has completed already
    }
    return true;
  }

  private void finish(long seq, String id, Object value, Throwable failure) {
    if (!release(seq)) {
      return; // timed out, or the connection closed
    }
    if (failure == null) {
      try {
        channel.send(Envelope.reply(id, channel.codec().json(value)));
        return;
      } catch (RuntimeException notJson) {
        failure = notJson;
      }
    }
    channel.send(Envelope.error(id, Failure.HANDLER_FAILED));
    channel
        .failures()
        .accept(
            failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause()
                : failure);
  }

  private void timedOut(long seq, String id) {
    if (release(seq)) {
      SLOW.count(() -> "after " + channel.settings().timeoutMillis() + " ms");
      channel.send(Envelope.error(id, Failure.TIMED_OUT));
    }
  }

  /** Forgets a running request; {@code false} when it was forgotten already. */
  private boolean release(long seq) {
    ScheduledFuture<?> timer;
    synchronized (this) {
      Running entry = running.remove(seq);
      if (entry == null) {
        return false;
      }
      timer = entry.timer;
    }
    if (timer != null) {
      timer.cancel(false);
    }
    return true;
  }

  /** The connection closed: the handler goes, running requests are forgotten unanswered. */
  void close() {
    List<Running> left;
    synchronized (this) {
      closed = true;
      handler = null;
      left = new ArrayList<>(running.values());
      running.clear();
    }
    for (Running entry : left) {
      if (entry.timer != null) {
        entry.timer.cancel(false);
      }
    }
  }
}
