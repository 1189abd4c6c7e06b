package dev.candypack.ws.example;

import java.util.LinkedHashMap;
import java.util.Map;

/** Small JSON objects for messages, keeping key order and {@code null} values. */
final class Json {

  private Json() {}

  /**
   * Builds an object from alternating keys and values.
   *
   * @param keysAndValues key, value, key, value, …
   * @return the object, in the order given
   */
  static Map<String, Object> object(Object... keysAndValues) {
    Map<String, Object> object = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      object.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return object;
  }
}
