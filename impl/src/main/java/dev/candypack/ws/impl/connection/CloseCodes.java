package dev.candypack.ws.impl.connection;

import dev.candypack.ws.CloseStatus;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** The rules of RFC 6455 for what a close frame may carry. */
final class CloseCodes {

  /** A close frame's reason may take 123 bytes: 125 of payload less 2 for the code. */
  static final int MAX_REASON_BYTES = 123;

  private CloseCodes() {}

  /**
   * Checks that a code may be sent in a close frame; {@link CloseStatus#isSendable(int)} decides.
   *
   * @param code the close code
   * @throws IllegalArgumentException when it may not
   */
  static void requireSendable(int code) {
    if (!CloseStatus.isSendable(code)) {
      throw new IllegalArgumentException(
          "close code " + code + " may not be sent; CloseStatus.isSendable(code) tells which may");
    }
  }

  /**
   * Cuts a reason to what fits in a close frame, on a character boundary.
   *
   * @param reason the reason, or {@code null}
   * @return the reason, at most 123 bytes in UTF-8
   */
  static String fitReason(String reason) {
    if (reason == null) {
      return "";
    }
    if (reason.length() * 3 <= MAX_REASON_BYTES) {
      return reason;
    }
    CharsetEncoder encoder =
        StandardCharsets.UTF_8
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    ByteBuffer out = ByteBuffer.allocate(MAX_REASON_BYTES);
    CharBuffer in = CharBuffer.wrap(reason);
    encoder.encode(in, out, true);
    return reason.substring(0, in.position());
  }
}
