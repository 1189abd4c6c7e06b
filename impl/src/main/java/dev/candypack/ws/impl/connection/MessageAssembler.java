package dev.candypack.ws.impl.connection;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Puts the fragments of one incoming message back together and enforces the message size limit on
 * their total, as CandyPack does. Fed by one connection's inbound events, one at a time.
 */
final class MessageAssembler {

  /** What came of a fragment. */
  enum Outcome {
    /** More fragments are expected. */
    PARTIAL,
    /** The message is whole. */
    COMPLETE,
    /** The message is over the limit; the connection must be closed. */
    TOO_BIG
  }

  private final long maxBytes;
  // Only fragmented messages need these: made on the first fragment, dropped with the message.
  private StringBuilder text;
  private ByteArrayOutputStream binary;
  private long size;
  private long completedSize;
  private boolean discarding;
  private String wholeText;
  private byte[] wholeBinary;

  MessageAssembler(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  Outcome text(String part, boolean last) {
    if (discarding || !fits(utf8Length(part))) {
      return drop(last);
    }
    if (last && text == null) {
      wholeText = part; // a single-frame message: no copy
    } else {
      if (text == null) {
        text = new StringBuilder(part.length() + 16);
      }
      text.append(part);
      if (last) {
        wholeText = text.toString();
        text = null;
      }
    }
    return finish(last);
  }

  Outcome binary(ByteBuffer part, boolean last) {
    if (discarding || !fits(part.remaining())) {
      return drop(last);
    }
    byte[] bytes = new byte[part.remaining()];
    part.get(bytes);
    if (last && binary == null) {
      wholeBinary = bytes;
    } else {
      if (binary == null) {
        binary = new ByteArrayOutputStream(bytes.length + 16);
      }
      binary.writeBytes(bytes);
      if (last) {
        wholeBinary = binary.toByteArray();
        binary = null;
      }
    }
    return finish(last);
  }

  /** The text message completed by the last call. */
  String takeText() {
    String whole = wholeText;
    wholeText = null;
    return whole;
  }

  /** The binary message completed by the last call. */
  byte[] takeBinary() {
    byte[] whole = wholeBinary;
    wholeBinary = null;
    return whole;
  }

  /** The size in bytes of the message completed by the last call, text counted in UTF-8. */
  long completedSize() {
    return completedSize;
  }

  private boolean fits(long fragmentBytes) {
    size += fragmentBytes;
    return size <= maxBytes;
  }

  private Outcome finish(boolean last) {
    if (last) {
      completedSize = size;
      size = 0;
      return Outcome.COMPLETE;
    }
    return Outcome.PARTIAL;
  }

  private Outcome drop(boolean last) {
    boolean first = !discarding;
    discarding = !last;
    size = 0;
    text = null;
    binary = null;
    return first ? Outcome.TOO_BIG : Outcome.PARTIAL;
  }

  /** The length of a string in UTF-8, without encoding it. */
  static long utf8Length(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
