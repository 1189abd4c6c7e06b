package dev.candypack.ws.impl.request;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.util.NoSuchElementException;

/**
 * The wire format of request-reply: JSON objects whose first member has a reserved name, among
 * ordinary messages.
 *
 * <pre>
 * {"candy:request":7,"data":{"op":"add","a":1,"b":2}}   a request; id: a JSON number or string
 * {"candy:reply":7,"data":3}                            its reply, with the same id
 * {"candy:reply":7,"error":"Request timed out"}         or an error instead
 * </pre>
 *
 * A text is an envelope only when it starts with exactly {@code {"candy:request":} or {@code
 * {"candy:reply":}, so that an ordinary message is never parsed to find out, and is one JSON object
 * whose id is a number or a string; a missing {@code data} is {@code null}, and a reply with an
 * {@code error} member is an error reply. Anything else is an ordinary message.
 *
 * @param id the id, as the peer sent it
 * @param data the data, JSON text
 * @param error the error of an error reply, or {@code null}
 */
record Envelope(JsonValue id, String data, String error) {

  /** How a request starts. */
  static final String REQUEST = "{\"candy:request\":";

  /** How a reply starts. */
  static final String REPLY = "{\"candy:reply\":";

  /** The error replies candy-ws sends, as JSON strings. */
  enum Failure {
    /** The handler threw, its stage failed, or its reply did not serialize. */
    HANDLER_FAILED("Request handler failed"),
    /** The handler's stage did not complete in time. */
    TIMED_OUT("Request timed out"),
    /** Over {@code candy.ws.max-pending-requests}; the handler was not called. */
    TOO_MANY("Too many pending requests");

    final String text;
    final String json;

    Failure(String text) {
      this.text = text;
      this.json = '"' + text + '"';
    }
  }

  /**
   * Reads a request.
   *
   * @param text a text message
   * @return the request, or {@code null} when the text is not one
   */
  static Envelope request(String text) {
    return text.startsWith(REQUEST) ? parse(text, "candy:request") : null;
  }

  /**
   * Reads a reply.
   *
   * @param text a text message
   * @return the reply, or {@code null} when the text is not one
   */
  static Envelope reply(String text) {
    return text.startsWith(REPLY) ? parse(text, "candy:reply") : null;
  }

  private static Envelope parse(String text, String key) {
    JsonObject object;
    try (JsonParser parser = Json.createParser(new StringReader(text))) {
      parser.next();
      object = parser.getObject();
      if (parser.hasNext()) {
        return null; // text after the object
      }
    } catch (JsonException | IllegalStateException | NoSuchElementException e) {
      return null;
    }
    JsonValue id = object.get(key);
    if (id == null
        || id.getValueType() != JsonValue.ValueType.NUMBER
            && id.getValueType() != JsonValue.ValueType.STRING) {
      return null;
    }
    JsonValue data = object.getOrDefault("data", JsonValue.NULL);
    JsonValue error = object.get("error");
    return new Envelope(id, data.toString(), error == null ? null : text(error));
  }

  private static String text(JsonValue value) {
    return value instanceof JsonString string ? string.getString() : value.toString();
  }

  /**
   * A request of the route's.
   *
   * @param id its number
   * @param data its data, JSON text
   * @return the message
   */
  static String request(long id, String data) {
    return REQUEST + id + ",\"data\":" + data + '}';
  }

  /**
   * A reply.
   *
   * @param id the request's id, JSON text
   * @param data the reply's data, JSON text
   * @return the message
   */
  static String reply(String id, String data) {
    return REPLY + id + ",\"data\":" + data + '}';
  }

  /**
   * An error reply.
   *
   * @param id the request's id, JSON text
   * @param failure what went wrong
   * @return the message
   */
  static String error(String id, Failure failure) {
    return REPLY + id + ",\"error\":" + failure.json + '}';
  }
}
