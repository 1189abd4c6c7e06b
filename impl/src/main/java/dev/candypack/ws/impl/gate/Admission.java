package dev.candypack.ws.impl.gate;

/**
 * The gate's answer to an upgrade request.
 *
 * @param status 0 to let the upgrade go on, else the HTTP status that refuses it
 * @param slot the slot the handshake holds under the caps; {@code null} when refused or when no cap
 *     is set
 */
public record Admission(int status, Slot slot) {

  static final Admission UNCOUNTED = new Admission(0, null);

  /**
   * Whether the upgrade may go on.
   *
   * @return {@code true} unless refused
   */
  public boolean admitted() {
    return status == 0;
  }
}
