package dev.candypack.ws.impl.codec;

import dev.candypack.ws.CandyMessage;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.nio.ByteBuffer;

/**
 * Turns application objects into frames and frames into {@link CandyMessage}s, with one shared,
 * thread-safe JSON-B instance per application.
 */
public final class JsonCodec {

  private volatile Jsonb jsonb;

  /**
   * Encodes a message once, as {@link dev.candypack.ws.CandySocket#send(Object)} describes: text
   * as-is, bytes as binary, anything else as JSON.
   *
   * @param message the application's message
   * @return the frame to queue
   */
  public OutboundMessage encode(Object message) {
    if (message instanceof CharSequence text) {
      return new OutboundMessage.Text(text.toString());
    }
    if (message instanceof byte[] bytes) {
      return binary(bytes);
    }
    if (message instanceof ByteBuffer buffer) {
      return new OutboundMessage.Binary(buffer.slice());
    }
    return new OutboundMessage.Text(message == null ? "null" : jsonb().toJson(message));
  }

  /**
   * Serializes a value to JSON text, a string as a JSON string: the data of a request or reply.
   *
   * @param value the value
   * @return its JSON
   * @throws jakarta.json.bind.JsonbException when the value cannot be serialized
   */
  public String json(Object value) {
    return value == null ? "null" : jsonb().toJson(value);
  }

  /**
   * Wraps bytes as a binary frame, without copying them.
   *
   * @param bytes the frame's bytes
   * @return the frame to queue
   */
  public OutboundMessage binary(byte[] bytes) {
    return new OutboundMessage.Binary(ByteBuffer.wrap(bytes));
  }

  /**
   * Wraps an incoming text frame; JSON is parsed on first use.
   *
   * @param text the frame's text
   * @return the message
   */
  public CandyMessage decode(String text) {
    return new TextMessage(text, this);
  }

  /**
   * Parses JSON text into maps, lists and scalars. The whole text must be one JSON value: {@code 42
   * apples} is not JSON.
   *
   * @param text the text
   * @return the parsed value
   * @throws JsonException when the text is not JSON
   */
  Object parse(String text) {
    try (JsonParser parser = Json.createParser(new StringReader(text))) {
      if (!parser.hasNext()) {
        throw new JsonParsingException("no JSON value", parser.getLocation());
      }
      parser.next();
      Object value = JsonValues.toJava(parser.getValue());
      if (parser.hasNext()) {
        throw new JsonParsingException("text after the JSON value", parser.getLocation());
      }
      return value;
    }
  }

  /**
   * Binds JSON text to a class.
   *
   * @param text the text
   * @param type the class
   * @param <T> the type
   * @return the bound value
   * @throws JsonException when the text is not JSON
   * @throws jakarta.json.bind.JsonbException when the text does not bind
   */
  <T> T bind(String text, Class<T> type) {
    parse(text); // JSON-B alone would accept trailing text after the value
    return jsonb().fromJson(text, type);
  }

  private Jsonb jsonb() {
    Jsonb current = jsonb;
    if (current == null) {
      synchronized (this) {
        current = jsonb;
        if (current == null) {
          current = JsonbBuilder.create();
          jsonb = current;
        }
      }
    }
    return current;
  }

  /** Releases the JSON-B instance when the application stops. */
  public void close() {
    Jsonb current = jsonb;
    jsonb = null;
    if (current != null) {
      try {
        current.close();
      } catch (Exception e) {
        // Nothing is left to release.
      }
    }
  }
}
