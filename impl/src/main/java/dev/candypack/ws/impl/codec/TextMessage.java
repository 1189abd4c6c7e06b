package dev.candypack.ws.impl.codec;

import dev.candypack.ws.CandyMessage;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import java.util.Map;

/** A text message whose JSON is parsed at most once, on first use. */
final class TextMessage implements CandyMessage {

  private static final Object NOT_PARSED = new Object();
  private static final Object NOT_JSON = new Object();

  private final String text;
  private final JsonCodec codec;
  private volatile Object parsed = NOT_PARSED;

  TextMessage(String text, JsonCodec codec) {
    this.text = text;
    this.codec = codec;
  }

  @Override
  public String text() {
    return text;
  }

  @Override
  public boolean isJson() {
    return parsed() != NOT_JSON;
  }

  @Override
  public Object data() {
    Object value = parsed();
    return value == NOT_JSON ? text : value;
  }

  @Override
  public Object get(String key) {
    return parsed() instanceof Map<?, ?> object ? object.get(key) : null;
  }

  @Override
  public <T> T as(Class<T> type) {
    try {
      return codec.bind(text, type);
    } catch (JsonException | JsonbException e) {
      throw new BindingException(
          "message does not bind to " + type.getName() + ": " + e.getMessage(), e);
    }
  }

  // A race parses twice at worst; both results are equal.
  private Object parsed() {
    if (parsed == NOT_PARSED) {
      try {
        parsed = codec.parse(text);
      } catch (JsonException e) {
        parsed = NOT_JSON;
      }
    }
    return parsed;
  }

  @Override
  public String toString() {
    return text;
  }
}
