package dev.candypack.ws.impl.connection;

import dev.candypack.ws.impl.codec.OutboundMessage;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * The container's side of one connection, reduced to what the outbound queue needs. Sends are
 * asynchronous: {@code done} receives {@code null} on success or the failure.
 */
public interface Transport {

  /**
   * Starts sending a text frame.
   *
   * @param text the text
   * @param done called once when the send has finished
   */
  void sendText(String text, Consumer<Throwable> done);

  /**
   * Starts sending a binary frame.
   *
   * @param data the bytes
   * @param done called once when the send has finished
   */
  void sendBinary(ByteBuffer data, Consumer<Throwable> done);

  /**
   * Starts sending a queued text message. A container-native transport overrides this to send an
   * encoding of the message shared by every connection it goes to; by default it sends the text.
   *
   * @param message the message
   * @param done called once when the send has finished
   */
  default void send(OutboundMessage.Text message, Consumer<Throwable> done) {
    sendText(message.text(), done);
  }

  /**
   * Starts sending a queued binary message. By default it sends a view of the message's bytes.
   *
   * @param message the message
   * @param done called once when the send has finished
   */
  default void send(OutboundMessage.Binary message, Consumer<Throwable> done) {
    sendBinary(message.view(), done);
  }

  /**
   * How many messages this transport takes before the first of them has completed. Jakarta
   * WebSocket lets a container refuse a send while another is in progress; the outbound queue goes
   * back to one at a time if it ever does.
   *
   * @return at least 1; 1 by default
   */
  default int window() {
    return 1;
  }

  /**
   * Sends a ping frame.
   *
   * @param payload its application data, at most 125 bytes
   * @throws Exception when the transport refuses it
   */
  void ping(ByteBuffer payload) throws Exception;

  /**
   * Sends a close frame and closes the connection.
   *
   * @param code the close code
   * @param reason the reason, at most 123 bytes in UTF-8
   * @throws Exception when the transport fails
   */
  void close(int code, String reason) throws Exception;

  /**
   * Sends a close frame and closes the connection at once, from the calling thread, even where
   * {@link #close} waits for the connection's own I/O thread: for a peer that no longer reads, and
   * so would never answer what such a close waits for.
   *
   * @param code the close code
   * @param reason the reason, at most 123 bytes in UTF-8
   * @throws Exception when the transport fails
   */
  void closeNow(int code, String reason) throws Exception;

  /**
   * Ends the connection at once: the TCP connection is closed without waiting for the peer, which
   * may never answer a close frame. Runs right away, whatever thread calls it, even when closes are
   * otherwise deferred: a peer that is ended may never send another frame.
   *
   * @throws Exception when the transport fails
   */
  void end() throws Exception;

  /**
   * Whether the connection is still open, as far as the container can tell: a connection whose
   * close frame has been sent may stay open until the peer answers it.
   *
   * @return whether it is open
   */
  boolean isOpen();
}
