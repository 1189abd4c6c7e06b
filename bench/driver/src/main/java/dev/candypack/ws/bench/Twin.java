package dev.candypack.ws.bench;

import java.util.Arrays;
import java.util.List;

/**
 * One of the routes compared side by side, and where it is served.
 *
 * @param name as in {@code twins=raw,candy,native,node}
 * @param echo the echo route
 * @param room the room route without the room, such as {@code /bench/room/}
 * @param app the context root of its WAR, whose {@code /stats} counts its connections; empty for
 *     the Node.js twin, which runs outside the application server
 */
record Twin(String name, String echo, String room, String app) {

  /** Hand-written Jakarta WebSocket endpoints in {@code bench.war}. */
  static final Twin RAW = new Twin("raw", "/bench/raw/echo", "/bench/raw/room/", "/bench");

  /** The candy-ws routes in {@code bench.war}: the native send path off (the default). */
  static final Twin CANDY = new Twin("candy", "/bench/echo", "/bench/room/", "/bench");

  /** The same routes in {@code bench-native.war}: {@code candy.ws.native-transport=on}. */
  static final Twin NATIVE =
      new Twin("native", "/bench-native/echo", "/bench-native/room/", "/bench-native");

  /** One Node.js process with the {@code ws} package, for scale. */
  static final Twin NODE = new Twin("node", "/node/echo", "/node/room/", "");

  private static final List<Twin> ALL = List.of(RAW, CANDY, NATIVE, NODE);

  /**
   * The twins of a {@code twins=} option.
   *
   * @param names such as {@code raw,candy,native}
   * @return the twins, in that order
   * @throws IllegalArgumentException for a name that is none of them
   */
  static List<Twin> parse(String names) {
    return Arrays.stream(names.split(","))
        .map(String::trim)
        .map(
            name ->
                ALL.stream()
                    .filter(twin -> twin.name.equals(name))
                    .findFirst()
                    .orElseThrow(
                        () ->
                            new IllegalArgumentException(
                                "twins: " + name + " is none of raw, candy, native, node")))
        .toList();
  }

  /**
   * Whether it is one of candy-ws's routes, which must lose nothing.
   *
   * @return true for {@code candy} and {@code native}
   */
  boolean candyWs() {
    return equals(CANDY) || equals(NATIVE);
  }

  @Override
  public String toString() {
    return name;
  }
}
