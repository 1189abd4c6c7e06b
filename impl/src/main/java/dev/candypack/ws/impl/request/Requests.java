package dev.candypack.ws.impl.request;

import dev.candypack.ws.CandyMessage;
import dev.candypack.ws.Registration;
import dev.candypack.ws.impl.codec.JsonCodec;
import dev.candypack.ws.impl.codec.OutboundMessage;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One connection's request-reply, made when the route first answers or asks: the requests its
 * client sent and the ones it asked the client. A connection that never does either has none, and
 * its messages are never looked at.
 */
public final class Requests {

  private final IncomingRequests incoming;
  private final OutgoingRequests outgoing;

  /**
   * Creates a connection's request-reply.
   *
   * @param settings the application's request settings
   * @param codec the application's codec
   * @param timer the application's timer, for timeouts
   * @param executor runs what a timeout does
   * @param send queues a message on the connection
   * @param failures the connection's error handlers
   */
  public Requests(
      RequestSettings settings,
      JsonCodec codec,
      Supplier<ScheduledExecutorService> timer,
      Executor executor,
      Consumer<OutboundMessage> send,
      Consumer<Throwable> failures) {
    Channel channel = new Channel(settings, codec, timer, executor, send, failures);
    this.incoming = new IncomingRequests(channel);
    this.outgoing = new OutgoingRequests(channel);
  }

  /**
   * Sets the route's request handler, as {@link dev.candypack.ws.CandySocket#onRequest} describes.
   *
   * @param handler returns the reply, or a stage of it
   * @return the registration
   */
  public Registration onRequest(Function<CandyMessage, ?> handler) {
    return incoming.answerWith(handler);
  }

  /**
   * Asks the client, as {@link dev.candypack.ws.CandySocket#request} describes.
   *
   * @param data the request's data
   * @param timeout how long to wait for the reply
   * @return a stage of the reply
   */
  public CompletionStage<CandyMessage> request(Object data, Duration timeout) {
    if (timeout == null) {
      throw new NullPointerException("timeout");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the timeout must be positive, not " + timeout);
    }
    long millis;
    try {
      millis = Math.max(1, timeout.toMillis());
    } catch (ArithmeticException centuries) {
      millis = Long.MAX_VALUE;
    }
    return outgoing.ask(data, millis);
  }

  /**
   * Takes a text message that is a request the route answers, or a reply to a request it made.
   *
   * @param text the message
   * @return {@code true} when taken; otherwise the message is an ordinary one
   */
  public boolean take(String text) {
    if (text.startsWith(Envelope.REQUEST)) {
      if (!incoming.answering()) {
        return false;
      }
      Envelope request = Envelope.request(text);
      return request != null && incoming.handle(request);
    }
    if (text.startsWith(Envelope.REPLY) && outgoing.asked()) {
      Envelope reply = Envelope.reply(text);
      if (reply != null) {
        outgoing.replied(reply);
        return true;
      }
    }
    return false;
  }

  /** The connection closed: pending requests fail, running ones are forgotten. Idempotent. */
  public void close() {
    incoming.close();
    outgoing.close();
  }
}
