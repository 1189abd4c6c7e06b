package dev.candypack.ws.impl.codec;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON-P values as the plain Java objects that {@link dev.candypack.ws.CandyMessage} promises. */
final class JsonValues {

  private JsonValues() {}

  /**
   * Converts a JSON value.
   *
   * @param value the value
   * @return a {@code Map}, {@code List}, {@code String}, {@code BigDecimal}, {@code Boolean} or
   *     {@code null}
   */
  static Object toJava(JsonValue value) {
    return switch (value.getValueType()) {
      case OBJECT -> object(value.asJsonObject());
      case ARRAY -> array(value.asJsonArray());
      case STRING -> ((JsonString) value).getString();
      case NUMBER -> ((JsonNumber) value).bigDecimalValue();
      case TRUE -> Boolean.TRUE;
      case FALSE -> Boolean.FALSE;
      case NULL -> null;
    };
  }

  private static Map<String, Object> object(JsonObject object) {
    Map<String, Object> map = new LinkedHashMap<>();
    object.forEach((key, member) -> map.put(key, toJava(member)));
    return map;
  }

  private static List<Object> array(JsonArray array) {
    List<Object> list = new ArrayList<>(array.size());
    array.forEach(element -> list.add(toJava(element)));
    return list;
  }
}
