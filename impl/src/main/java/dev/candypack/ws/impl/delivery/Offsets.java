package dev.candypack.ws.impl.delivery;

/** Puts a message's offset into its JSON object, as the sockets of a history room receive it. */
final class Offsets {

  private Offsets() {}

  /**
   * Whether a message can go into a history: a JSON object, which candy-ws's codec writes without
   * surrounding space.
   */
  static boolean isObject(String text) {
    return text.length() >= 2 && text.charAt(0) == '{' && text.charAt(text.length() - 1) == '}';
  }

  /** {@code {"a":1}} with offset 7 is {@code {"a":1,"offset":7}}. */
  static String withOffset(String object, long offset) {
    String body = object.substring(0, object.length() - 1);
    return body + (isEmptyObject(body) ? "" : ",") + "\"offset\":" + offset + "}";
  }

  private static boolean isEmptyObject(String body) {
    return body.strip().equals("{");
  }
}
