package dev.candypack.ws.impl.transport;

import dev.candypack.ws.impl.codec.OutboundMessage;
import java.util.function.Consumer;

/**
 * Sends one connection's messages through its container's own API. The outbound queue calls it with
 * one send at a time, from whichever thread pumps the queue; {@code done} receives {@code null} on
 * success or the failure, once, on any thread.
 */
public interface NativeSender {

  /**
   * Starts sending a text message.
   *
   * @param message the message; its {@link OutboundMessage.Text#encoded} form is shared
   * @param done called once when the send has finished
   */
  void send(OutboundMessage.Text message, Consumer<Throwable> done);

  /**
   * Starts sending a binary message.
   *
   * @param message the message
   * @param done called once when the send has finished
   */
  void send(OutboundMessage.Binary message, Consumer<Throwable> done);

  /**
   * How many messages this sender takes before the first of them has completed (see {@link
   * dev.candypack.ws.impl.connection.Transport#window}).
   *
   * @return at least 1; 1 by default
   */
  default int window() {
    return 1;
  }
}
