package dev.candypack.ws.impl.codec;

import java.nio.ByteBuffer;

/**
 * A message encoded once and ready to be queued on any number of connections: either text or
 * binary.
 */
public sealed interface OutboundMessage {

  /**
   * The number of payload bytes this message holds in a queue (an estimate for text).
   *
   * @return the size in bytes
   */
  int size();

  /**
   * A text frame.
   *
   * @param text the frame's text
   */
  record Text(String text) implements OutboundMessage {
    @Override
    public int size() {
      return text.length();
    }
  }

  /**
   * A binary frame. The buffer is never consumed: each send works on its own view of it.
   *
   * @param data the frame's bytes
   */
  record Binary(ByteBuffer data) implements OutboundMessage {

    /**
     * A view of the bytes for one send.
     *
     * @return a read-only duplicate, positioned at the start
     */
    public ByteBuffer view() {
      return data.asReadOnlyBuffer();
    }

    @Override
    public int size() {
      return data.remaining();
    }
  }
}
