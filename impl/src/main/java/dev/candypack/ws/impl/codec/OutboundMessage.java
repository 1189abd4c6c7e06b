package dev.candypack.ws.impl.codec;

import java.nio.ByteBuffer;
import java.util.function.Function;

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
   * A text frame. Besides its text it can keep one encoding of it for a container's native send
   * path (see {@link #encoded}), computed by the first connection that sends it and shared by every
   * other: a room message is framed once, not once per member.
   */
  final class Text implements OutboundMessage {

    private final String text;
    // One encoding and the function that made it; a message is only ever sent through one
    // container, so one slot is enough.
    private volatile Encoded encoded;
    private volatile boolean shared;

    /**
     * A text frame.
     *
     * @param text the frame's text
     */
    public Text(String text) {
      this.text = text;
    }

    /**
     * The frame's text.
     *
     * @return the text
     */
    public String text() {
      return text;
    }

    /**
     * This message's text as {@code encoding} encodes it, computed on first use and then shared.
     * Two threads asking at once may both compute it; both results must be equal, and either is
     * kept. An encoding other than the kept one is computed each time and not kept.
     *
     * @param encoding a function of the text, the same instance for every call that may share
     * @return the encoded text; never modify it
     */
    public ByteBuffer encoded(Function<String, ByteBuffer> encoding) {
      Encoded kept = encoded;
      if (kept != null && kept.encoding() == encoding) {
        return kept.bytes();
      }
      ByteBuffer bytes = encoding.apply(text);
      if (kept == null) {
        encoded = new Encoded(encoding, bytes);
      }
      return bytes;
    }

    /**
     * Marks this message as one that goes to several connections (a room's, a user's, all), before
     * it is queued on any: an encoding that costs more to make than to send, such as a direct
     * buffer, then pays.
     *
     * @return this message
     */
    public Text share() {
      shared = true;
      return this;
    }

    /**
     * Whether this message goes to several connections.
     *
     * @return whether {@link #share()} was called
     */
    public boolean shared() {
      return shared;
    }

    @Override
    public int size() {
      return text.length();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Text that && text.equals(that.text);
    }

    @Override
    public int hashCode() {
      return text.hashCode();
    }

    @Override
    public String toString() {
      return "Text[text=" + text + "]";
    }

    private record Encoded(Function<String, ByteBuffer> encoding, ByteBuffer bytes) {}
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
