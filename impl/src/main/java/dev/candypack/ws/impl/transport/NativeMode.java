package dev.candypack.ws.impl.transport;

import java.util.Locale;

/**
 * Whether connections send through the container's native API ({@code candy.ws.native-transport}).
 */
public enum NativeMode {
  /** Always through Jakarta WebSocket. */
  OFF,
  /** Natively where the container has an adapter that loads; Jakarta WebSocket elsewhere. */
  AUTO,
  /**
   * Natively, and a container without a working adapter is worth a warning; its connections still
   * work, through Jakarta WebSocket.
   */
  ON;

  /**
   * Reads a setting's value.
   *
   * @param value {@code off}, {@code auto} or {@code on}, in any case
   * @return the mode
   * @throws IllegalArgumentException for any other value
   */
  public static NativeMode parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("is '" + value + "', expected off, auto or on", e);
    }
  }
}
