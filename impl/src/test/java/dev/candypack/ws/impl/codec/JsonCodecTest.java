package dev.candypack.ws.impl.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candypack.ws.CandyMessage;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonCodecTest {

  /** Public so that JSON-B may read and create it. */
  public record Point(int x, int y) {}

  private final JsonCodec codec = new JsonCodec();

  @AfterEach
  void closeCodec() {
    codec.close();
  }

  @Test
  void encodesTextAsIs() {
    assertEquals(new OutboundMessage.Text("{\"not\": parsed"), codec.encode("{\"not\": parsed"));
    assertEquals(new OutboundMessage.Text("built"), codec.encode(new StringBuilder("built")));
  }

  @Test
  void encodesByteArrayAsBinaryWithoutCopying() {
    byte[] bytes = "abc".getBytes(UTF_8);

    OutboundMessage.Binary binary =
        assertInstanceOf(OutboundMessage.Binary.class, codec.encode(bytes));

    assertSame(bytes, binary.data().array());
    assertEquals(3, binary.size());
    assertEquals("abc", read(binary.view()));
  }

  @Test
  void encodesByteBufferAsBinaryWithoutConsumingIt() {
    ByteBuffer buffer = ByteBuffer.wrap("xxhello".getBytes(UTF_8));
    buffer.position(2);

    OutboundMessage.Binary binary =
        assertInstanceOf(OutboundMessage.Binary.class, codec.encode(buffer));

    assertEquals(2, buffer.position());
    assertEquals(5, binary.size());
    assertEquals("hello", read(binary.view()));
    assertEquals("hello", read(binary.view()));
    assertEquals(5, binary.size());
    assertTrue(binary.view().isReadOnly());
  }

  @Test
  void encodesObjectsAsJson() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("type", "welcome");
    map.put("n", 2);

    assertEquals(new OutboundMessage.Text("{\"type\":\"welcome\",\"n\":2}"), codec.encode(map));
    assertEquals(new OutboundMessage.Text("{\"x\":1,\"y\":2}"), codec.encode(new Point(1, 2)));
    assertEquals(new OutboundMessage.Text("[1,2]"), codec.encode(List.of(1, 2)));
    assertEquals(new OutboundMessage.Text("null"), codec.encode(null));
  }

  @Test
  void decodesJsonObject() {
    CandyMessage message = codec.decode("{\"text\":\"hi\",\"n\":2,\"tags\":[\"a\"]}");

    assertTrue(message.isJson());
    Map<?, ?> data = assertInstanceOf(Map.class, message.data());
    assertEquals("hi", data.get("text"));
    assertEquals("hi", message.get("text"));
    assertEquals(0, new BigDecimal(2).compareTo((BigDecimal) message.get("n")));
    assertEquals(List.of("a"), message.get("tags"));
    assertNull(message.get("missing"));
    assertEquals("{\"text\":\"hi\",\"n\":2,\"tags\":[\"a\"]}", message.text());
  }

  @ParameterizedTest
  @ValueSource(strings = {"hello", "", "{\"a\":", "{oops}"})
  void keepsNonJsonAsText(String text) {
    CandyMessage message = codec.decode(text);

    assertFalse(message.isJson());
    assertEquals(text, message.data());
    assertNull(message.get("a"));
    assertEquals(text, message.text());
    assertEquals(text, message.toString());
  }

  @Test
  void decodesJsonScalarsAndArrays() {
    CandyMessage string = codec.decode("\"hello\"");
    assertTrue(string.isJson());
    assertEquals("hello", string.data());
    assertNull(string.get("hello"));
    assertEquals("\"hello\"", string.text());

    CandyMessage array = codec.decode("[1,\"b\"]");
    assertTrue(array.isJson());
    assertEquals(List.of(new BigDecimal(1), "b"), array.data());
    assertNull(array.get("0"));

    CandyMessage literalNull = codec.decode("null");
    assertTrue(literalNull.isJson());
    assertNull(literalNull.data());

    assertEquals(Boolean.TRUE, codec.decode("true").data());
  }

  @ParameterizedTest
  @ValueSource(strings = {"42 apples", "true love", "null pointer", "\"hi\" there", "{\"a\":1} x"})
  void textWithTrailingWordsAfterJsonIsNotJson(String text) {
    CandyMessage message = codec.decode(text);

    assertFalse(message.isJson());
    assertEquals(text, message.data());
  }

  @Test
  void bindingRejectsTrailingText() {
    CandyMessage message = codec.decode("{\"x\":1,\"y\":2} x");

    CandyMessage.BindingException e =
        assertThrows(CandyMessage.BindingException.class, () -> message.as(Point.class));

    assertInstanceOf(JsonException.class, e.getCause());
  }

  @Test
  void whitespaceAroundJsonIsStillJson() {
    CandyMessage message = codec.decode(" \n{\"x\":1,\"y\":2}\t ");

    assertTrue(message.isJson());
    assertEquals(new Point(1, 2), message.as(Point.class));
  }

  @Test
  void bindsToClass() {
    assertEquals(new Point(1, 2), codec.decode("{\"x\":1,\"y\":2}").as(Point.class));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"x\":\"abc\"}", "[1]", "\"text\""})
  void jsonThatDoesNotBindThrowsBindingException(String text) {
    CandyMessage message = codec.decode(text);

    CandyMessage.BindingException e =
        assertThrows(CandyMessage.BindingException.class, () -> message.as(Point.class));

    assertInstanceOf(JsonbException.class, e.getCause());
    assertTrue(e.getMessage().contains(Point.class.getName()), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"hello", "{\"x\":", "", "{oops}"})
  void textThatIsNotJsonThrowsBindingException(String text) {
    CandyMessage message = codec.decode(text);

    CandyMessage.BindingException e =
        assertThrows(CandyMessage.BindingException.class, () -> message.as(Point.class));

    assertInstanceOf(JsonException.class, e.getCause());
    assertTrue(e.getMessage().contains(Point.class.getName()), e.getMessage());
  }

  @Test
  void sizeOfMessages() {
    assertEquals(5, new OutboundMessage.Text("héllo").size());
    assertEquals(3, codec.binary(new byte[3]).size());
  }

  private static String read(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return new String(bytes, UTF_8);
  }
}
