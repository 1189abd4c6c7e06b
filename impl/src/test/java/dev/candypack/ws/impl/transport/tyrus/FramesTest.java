package dev.candypack.ws.impl.transport.tyrus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.candypack.ws.impl.codec.OutboundMessage;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FramesTest {

  /** One frame as a client reads it, decoded by the letter of RFC 6455 section 5.2. */
  record Decoded(boolean fin, int rsv, int opcode, boolean masked, int lengthForm, byte[] payload) {

    static Decoded of(ByteBuffer frame) throws IOException {
      byte[] bytes = new byte[frame.remaining()];
      frame.duplicate().get(bytes);
      DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes));
      int first = in.readUnsignedByte();
      int second = in.readUnsignedByte();
      int length7 = second & 0x7F;
      long length;
      if (length7 == 126) {
        length = in.readUnsignedShort();
      } else if (length7 == 127) {
        length = in.readLong();
      } else {
        length = length7;
      }
      byte[] payload = in.readNBytes((int) length);
      assertEquals(length, payload.length, "the frame holds its whole payload");
      assertEquals(-1, in.read(), "nothing after the payload");
      return new Decoded(
          (first & 0x80) != 0,
          (first >> 4) & 0x7,
          first & 0xF,
          (second & 0x80) != 0,
          length7,
          payload);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 125, 126, 65_535, 65_536, 1_000_000})
  void aTextFrameIsWholeUnmaskedWithItsLengthInTheShortestForm(int length) throws IOException {
    String text = "x".repeat(length);

    Decoded frame = Decoded.of(Frames.text(text));

    assertEquals(true, frame.fin());
    assertEquals(0, frame.rsv());
    assertEquals(1, frame.opcode());
    assertEquals(false, frame.masked());
    assertEquals(length <= 125 ? length : length <= 65_535 ? 126 : 127, frame.lengthForm());
    assertEquals(text, new String(frame.payload(), StandardCharsets.UTF_8));
  }

  @Test
  void nonAsciiTextIsCountedAndSentInUtf8Bytes() throws IOException {
    // 42 characters, 125 bytes in UTF-8 would fit the short form; these take 3 or 4 bytes each.
    String text = "é€😀".repeat(20) + "ü";
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);

    Decoded frame = Decoded.of(Frames.text(text));

    assertEquals(126, frame.lengthForm(), utf8.length + " bytes take the 16-bit form");
    assertArrayEquals(utf8, frame.payload());
    assertEquals(text, new String(frame.payload(), StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 125, 126, 65_535, 65_536})
  void aBinaryFrameCarriesTheBytesFromThePositionAndLeavesTheBufferAsItWas(int length)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < length + 3; i++) {
      bytes.write(i * 7);
    }
    ByteBuffer data = ByteBuffer.wrap(bytes.toByteArray());
    data.position(3);

    Decoded frame = Decoded.of(Frames.binary(data));

    assertEquals(2, frame.opcode());
    assertEquals(true, frame.fin());
    assertEquals(length <= 125 ? length : length <= 65_535 ? 126 : 127, frame.lengthForm());
    byte[] expected = new byte[length];
    data.duplicate().get(expected);
    assertArrayEquals(expected, frame.payload());
    assertEquals(3, data.position(), "the message's buffer is left as it was");
  }

  @Test
  void aMessageToManyConnectionsIsFramedOnce() {
    OutboundMessage.Text message = new OutboundMessage.Text("to every member");

    ByteBuffer first = message.encoded(Frames.TEXT_FRAME);

    assertSame(first, message.encoded(Frames.TEXT_FRAME));
  }
}
