package dev.candypack.ws.impl.gate;

/** The cap a handshake is over, with the HTTP status that refuses it. */
public enum OverCap implements Reservation {
  /** {@code candy.ws.max-connections}: the application is full; 503 Service Unavailable. */
  APPLICATION(503, "candy.ws.max-connections"),
  /**
   * {@code candy.ws.max-connections-per-ip}: the client's address is full; 429 Too Many Requests.
   */
  ADDRESS(429, "candy.ws.max-connections-per-ip");

  private final int status;
  private final String key;

  OverCap(int status, String key) {
    this.status = status;
    this.key = key;
  }

  /**
   * The HTTP status that refuses the handshake.
   *
   * @return 503 or 429
   */
  public int status() {
    return status;
  }

  /**
   * The setting that sets the cap.
   *
   * @return its key
   */
  public String key() {
    return key;
  }
}
