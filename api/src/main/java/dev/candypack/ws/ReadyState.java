package dev.candypack.ws;

/** The life of a connection, CandyPack's {@code readyState}: 0, 1, 2, 3. */
public enum ReadyState {
  /** The handshake is done but the route's handler has not finished yet. */
  CONNECTING,
  /** Open: messages flow both ways. */
  OPEN,
  /** A close has been asked for; no more messages are sent. */
  CLOSING,
  /** Closed; the connection has left its rooms. */
  CLOSED
}
