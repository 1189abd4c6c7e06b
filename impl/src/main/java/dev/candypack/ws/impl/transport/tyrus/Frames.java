package dev.candypack.ws.impl.transport.tyrus;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Whole WebSocket frames as a server sends them (RFC 6455, section 5.2): FIN set, no extension
 * bits, unmasked, the payload length in its shortest form, then the payload.
 */
final class Frames {

  private static final int FIN = 0x80;
  private static final int TEXT = 0x1;
  private static final int BINARY = 0x2;

  /**
   * A text message framed: one function instance, so that a message sent to many connections is
   * framed once (see {@link dev.candypack.ws.impl.codec.OutboundMessage.Text#encoded}).
   */
  static final Function<String, ByteBuffer> TEXT_FRAME = Frames::text;

  private Frames() {}

  /**
   * A text frame.
   *
   * @param text the message
   * @return the frame, its UTF-8 payload included, on a heap array from position 0
   */
  static ByteBuffer text(String text) {
    return frame(TEXT, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A binary frame.
   *
   * @param payload the message's bytes, from its position to its limit; left as it was
   * @return the frame, the payload copied, on a heap array from position 0
   */
  static ByteBuffer binary(ByteBuffer payload) {
    ByteBuffer data = payload.duplicate();
    byte[] frame = new byte[headerLength(data.remaining()) + data.remaining()];
    int at = header(frame, BINARY, data.remaining());
    data.get(frame, at, data.remaining());
    return ByteBuffer.wrap(frame);
  }

  private static ByteBuffer frame(int opcode, byte[] payload) {
    byte[] frame = new byte[headerLength(payload.length) + payload.length];
    int at = header(frame, opcode, payload.length);
    System.arraycopy(payload, 0, frame, at, payload.length);
    return ByteBuffer.wrap(frame);
  }

  /** The header's bytes: two, then two more for a 16-bit length or eight for a 64-bit one. */
  static int headerLength(long payloadLength) {
    return payloadLength <= 125 ? 2 : payloadLength <= 0xFFFF ? 4 : 10;
  }

  /** Writes the header at the start of {@code frame}; returns where the payload starts. */
  private static int header(byte[] frame, int opcode, int length) {
    frame[0] = (byte) (FIN | opcode);
    if (length <= 125) {
      frame[1] = (byte) length;
      return 2;
    }
    if (length <= 0xFFFF) {
      frame[1] = 126;
      frame[2] = (byte) (length >>> 8);
      frame[3] = (byte) length;
      return 4;
    }
    frame[1] = 127;
    long value = length; // a Java array holds less than 2^31 bytes: the top four are 0
    for (int i = 0; i < 8; i++) {
      frame[2 + i] = (byte) (value >>> (56 - 8 * i));
    }
    return 10;
  }
}
