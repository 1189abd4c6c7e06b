package dev.candypack.ws.tck;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client written on a bare TCP socket, for what polite clients never do: vanish without
 * a close frame, send floods of control frames.
 */
final class RawSocket implements AutoCloseable {

  private final Socket socket;

  private RawSocket(Socket socket) {
    this.socket = socket;
  }

  /** Opens a WebSocket connection by hand and checks that the server switched protocols. */
  static RawSocket connect(URI ws) throws IOException {
    return connect(ws, 0);
  }

  /**
   * Opens a WebSocket connection with a small receive window, for a client that stops reading.
   *
   * @param receiveBuffer the socket's receive buffer in bytes, 0 for the default
   */
  static RawSocket connect(URI ws, int receiveBuffer) throws IOException {
    Socket socket = new Socket();
    if (receiveBuffer > 0) {
      socket.setReceiveBufferSize(receiveBuffer);
    }
    socket.connect(new java.net.InetSocketAddress(ws.getHost(), ws.getPort()));
    byte[] key = new byte[16];
    ThreadLocalRandom.current().nextBytes(key);
    String path = ws.getRawPath() + (ws.getRawQuery() == null ? "" : "?" + ws.getRawQuery());
    String request =
        "GET "
            + path
            + " HTTP/1.1\r\nHost: "
            + ws.getHost()
            + ":"
            + ws.getPort()
            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
            + "Sec-WebSocket-Key: "
            + Base64.getEncoder().encodeToString(key)
            + "\r\n\r\n";
    OutputStream out = socket.getOutputStream();
    out.write(request.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    String status = readLine(socket.getInputStream());
    assertTrue(status.contains(" 101 "), "the upgrade was refused: " + status);
    while (!readLine(socket.getInputStream()).isEmpty()) {
      // Skip the response headers.
    }
    return new RawSocket(socket);
  }

  /** Sends one masked text frame (payload under 126 bytes). */
  void sendText(String text) throws IOException {
    sendFrame(0x1, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Sends one masked, final frame of any opcode (payload under 126 bytes), valid or not. */
  void sendFrame(int opcode, byte[] payload) throws IOException {
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    byte[] frame = new byte[2 + 4 + payload.length];
    frame[0] = (byte) (0x80 | opcode);
    frame[1] = (byte) (0x80 | payload.length);
    System.arraycopy(mask, 0, frame, 2, 4);
    for (int i = 0; i < payload.length; i++) {
      frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
    }
    socket.getOutputStream().write(frame);
    socket.getOutputStream().flush();
  }

  /** Sends a close frame with a code and no reason. */
  void sendClose(int code) throws IOException {
    sendFrame(0x8, new byte[] {(byte) (code >> 8), (byte) code});
  }

  /**
   * Reads the server's frames, skipping all others, until its close frame.
   *
   * @return the close code, or -1 when the connection ended without one
   * @throws java.net.SocketTimeoutException when nothing comes for {@code timeoutMillis}
   */
  int awaitCloseCode(int timeoutMillis) throws IOException {
    socket.setSoTimeout(timeoutMillis);
    DataInputStream in = new DataInputStream(socket.getInputStream());
    while (true) {
      int first;
      try {
        first = in.readUnsignedByte();
      } catch (EOFException e) {
        return -1;
      }
      int length = in.readUnsignedByte() & 0x7F; // the server never masks
      long size = length == 126 ? in.readUnsignedShort() : length == 127 ? in.readLong() : length;
      byte[] payload = new byte[(int) size];
      in.readFully(payload);
      if ((first & 0x0F) == 0x8) {
        return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
      }
      if ((first & 0x0F) == 0x9 && payload.length < 126) {
        sendFrame(0xA, payload); // answered, as every client does
      }
    }
  }

  /** Drops the TCP connection with a reset: no close frame, no FIN handshake. */
  void vanish() throws IOException {
    socket.setSoLinger(true, 0);
    socket.close();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }
}
