package dev.candypack.ws.impl.connection;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.candypack.ws.impl.connection.MessageAssembler.Outcome;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageAssemblerTest {

  private final MessageAssembler assembler = new MessageAssembler(10);

  @Test
  void textFragmentsAreJoinedInOrder() {
    assertEquals(Outcome.PARTIAL, assembler.text("ab", false));
    assertEquals(Outcome.PARTIAL, assembler.text("", false));
    assertEquals(Outcome.PARTIAL, assembler.text("cd", false));
    assertEquals(Outcome.COMPLETE, assembler.text("e", true));

    assertEquals("abcde", assembler.takeText());
    assertNull(assembler.takeText());

    assertEquals(Outcome.PARTIAL, assembler.text("x", false));
    assertEquals(Outcome.COMPLETE, assembler.text("y", true));
    assertEquals("xy", assembler.takeText());
  }

  @Test
  void singleFrameTextIsTakenAsIs() {
    String whole = "0123456789";

    assertEquals(Outcome.COMPLETE, assembler.text(whole, true));

    assertSame(whole, assembler.takeText());
  }

  @Test
  void binaryFragmentsAreJoinedInOrder() {
    assertEquals(Outcome.PARTIAL, assembler.binary(bytes("ab"), false));
    assertEquals(Outcome.PARTIAL, assembler.binary(ByteBuffer.allocate(0), false));
    assertEquals(Outcome.COMPLETE, assembler.binary(bytes("cde"), true));

    assertArrayEquals("abcde".getBytes(UTF_8), assembler.takeBinary());
    assertNull(assembler.takeBinary());

    assertEquals(Outcome.COMPLETE, assembler.binary(bytes("next"), true));
    assertArrayEquals("next".getBytes(UTF_8), assembler.takeBinary());
  }

  @Test
  void singleFrameBinaryReadsOnlyTheRemainingBytes() {
    ByteBuffer buffer = bytes("xx0123456789");
    buffer.position(2);

    assertEquals(Outcome.COMPLETE, assembler.binary(buffer, true));

    assertArrayEquals("0123456789".getBytes(UTF_8), assembler.takeBinary());
    assertEquals(0, buffer.remaining());
  }

  @Test
  void exactlyTheLimitPasses() {
    assertEquals(Outcome.PARTIAL, assembler.text("01234", false));
    assertEquals(Outcome.COMPLETE, assembler.text("56789", true));
    assertEquals("0123456789", assembler.takeText());

    assertEquals(Outcome.PARTIAL, assembler.binary(bytes("01234"), false));
    assertEquals(Outcome.COMPLETE, assembler.binary(bytes("56789"), true));
    assertArrayEquals("0123456789".getBytes(UTF_8), assembler.takeBinary());
  }

  @Test
  void textIsCountedInUtf8Bytes() {
    // 10 characters, 11 bytes
    assertEquals(Outcome.TOO_BIG, assembler.text("012345678é", true));

    // 5 characters, 10 bytes
    assertEquals(Outcome.COMPLETE, assembler.text("ééééé", true));
    assertEquals("ééééé", assembler.takeText());

    assertEquals(Outcome.PARTIAL, assembler.text("😀", false));
    assertEquals(Outcome.PARTIAL, assembler.text("€", false));
    assertEquals(Outcome.COMPLETE, assembler.text("abc", true));
    assertEquals("😀€abc", assembler.takeText());

    assertEquals(Outcome.PARTIAL, assembler.text("😀", false));
    assertEquals(Outcome.PARTIAL, assembler.text("€", false));
    assertEquals(Outcome.TOO_BIG, assembler.text("abcd", true));
  }

  @Test
  void oneByteOverTheLimitIsTooBigAndTheRestOfTheMessageIsDropped() {
    assertEquals(Outcome.PARTIAL, assembler.text("01234", false));
    assertEquals(Outcome.TOO_BIG, assembler.text("567890", false));
    assertEquals(Outcome.PARTIAL, assembler.text("more", false));
    assertEquals(Outcome.PARTIAL, assembler.text("end", true));
    assertNull(assembler.takeText());

    // the next message starts afresh
    assertEquals(Outcome.PARTIAL, assembler.text("0123456", false));
    assertEquals(Outcome.COMPLETE, assembler.text("789", true));
    assertEquals("0123456789", assembler.takeText());
  }

  @Test
  void binaryOneByteOverTheLimitIsTooBig() {
    assertEquals(Outcome.TOO_BIG, assembler.binary(bytes("0123456789a"), true));
    assertNull(assembler.takeBinary());

    assertEquals(Outcome.PARTIAL, assembler.binary(bytes("0123456"), false));
    assertEquals(Outcome.TOO_BIG, assembler.binary(bytes("7890"), false));
    assertEquals(Outcome.PARTIAL, assembler.binary(bytes("x"), true));
    assertNull(assembler.takeBinary());

    assertEquals(Outcome.COMPLETE, assembler.binary(bytes("0123456789"), true));
    assertArrayEquals("0123456789".getBytes(UTF_8), assembler.takeBinary());
  }

  @Test
  void tooBigSingleFrameLeavesNothingBehind() {
    assertEquals(Outcome.TOO_BIG, assembler.text("0123456789a", true));
    assertEquals(Outcome.COMPLETE, assembler.text("0123456789", true));
    assertEquals("0123456789", assembler.takeText());
  }

  @Test
  void limitsOfCompletedMessagesDoNotAddUp() {
    for (int i = 0; i < 5; i++) {
      assertEquals(Outcome.COMPLETE, assembler.text("0123456789", true));
      assertEquals(Outcome.COMPLETE, assembler.binary(bytes("0123456789"), true));
    }
  }

  @Test
  void utf8LengthOfOneToFourByteCharacters() {
    assertEquals(0, MessageAssembler.utf8Length(""));
    assertEquals(1, MessageAssembler.utf8Length("a"));
    assertEquals(1, MessageAssembler.utf8Length("\u007f"));
    assertEquals(2, MessageAssembler.utf8Length("\u0080"));
    assertEquals(2, MessageAssembler.utf8Length("é"));
    assertEquals(2, MessageAssembler.utf8Length("\u07ff"));
    assertEquals(3, MessageAssembler.utf8Length("\u0800"));
    assertEquals(3, MessageAssembler.utf8Length("€"));
    assertEquals(3, MessageAssembler.utf8Length("\uffff"));
    assertEquals(4, MessageAssembler.utf8Length("😀"));
    assertEquals(4, MessageAssembler.utf8Length("\ud800\udc00"));
    assertEquals(4, MessageAssembler.utf8Length("\udbff\udfff"));
    assertEquals(1 + 2 + 3 + 4, MessageAssembler.utf8Length("aé€😀"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"plain", "héllo wörld", "€uro", "😀 and 🎉", "mixed é€😀 text"})
  void utf8LengthMatchesTheEncoder(String text) {
    assertEquals(text.getBytes(UTF_8).length, MessageAssembler.utf8Length(text));
  }

  private static ByteBuffer bytes(String text) {
    return ByteBuffer.wrap(text.getBytes(UTF_8));
  }
}
