package dev.candypack.ws.tck;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * A WebSocket client written on a bare TCP socket, for what polite clients never do: vanish without
 * a close frame, leave a frame half sent, never answer a ping.
 */
final class RawSocket implements AutoCloseable {

  /** A frame from the server: its opcode and payload. */
  record Frame(int opcode, byte[] payload) {
    static final int TEXT = 0x1;
    static final int PING = 0x9;

    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

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

  /** Sends a pong frame, such as the answer to a ping with its payload. */
  void sendPong(byte[] payload) throws IOException {
    sendFrame(0xA, payload);
  }

  /**
   * Starts a binary frame that announces {@code length} bytes of payload and sends only the first
   * {@code sent} of them (zeros): the peer is then stalled in the middle of the frame.
   */
  void sendFrameStart(long length, long sent) throws IOException {
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    byte[] header = new byte[2 + 8 + 4];
    header[0] = (byte) 0x82; // final, binary
    header[1] = (byte) (0x80 | 127);
    for (int i = 0; i < 8; i++) {
      header[2 + i] = (byte) (length >>> (56 - 8 * i));
    }
    System.arraycopy(mask, 0, header, 10, 4);
    OutputStream out = socket.getOutputStream();
    out.write(header);
    byte[] chunk = new byte[64 * 1024]; // zeros masked are the mask itself
    for (int i = 0; i < chunk.length; i++) {
      chunk[i] = mask[i % 4];
    }
    for (long written = 0; written < sent; written += chunk.length) {
      out.write(chunk, 0, (int) Math.min(chunk.length, sent - written));
    }
    out.flush();
  }

  /**
   * Reads the next frame from the server.
   *
   * @param timeout how long to wait for it
   * @throws SocketTimeoutException when none comes in time
   */
  Frame readFrame(Duration timeout) throws IOException {
    socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
    DataInputStream in = new DataInputStream(socket.getInputStream());
    int first = in.readUnsignedByte();
    int second = in.readUnsignedByte();
    long length = second & 0x7F;
    if (length == 126) {
      length = in.readUnsignedShort();
    } else if (length == 127) {
      length = in.readLong();
    }
    byte[] payload = new byte[Math.toIntExact(length)];
    in.readFully(payload);
    return new Frame(first & 0x0F, payload);
  }

  /**
   * Reads (and drops) whatever the server sends until it ends the TCP connection: the end of the
   * stream, or a reset.
   *
   * @param timeout how long to wait
   * @return whether the server ended the connection in time
   */
  boolean awaitEnd(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    byte[] sink = new byte[8192];
    InputStream in = socket.getInputStream();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      socket.setSoTimeout((int) Math.max(1, Duration.ofNanos(left).toMillis()));
      try {
        if (in.read(sink) == -1) {
          return true;
        }
      } catch (SocketTimeoutException stillOpen) {
        return false;
      } catch (SocketException reset) {
        return true;
      }
    }
  }

  /** Drops the TCP connection with a reset: no close frame, no FIN handshake. */
  void vanish() throws IOException {
    socket.setSoLinger(true, 0);
    socket.close();
  }

  /**
   * Keeps writing small valid frames until the server refuses them: a TCP connection the server
   * closed answers with a reset, while one it only shut for writing (a close frame and a FIN) takes
   * them in. Bytes in the middle of a frame are payload, so this is valid there too.
   *
   * @param timeout how long to try
   * @return whether a write failed in time
   */
  boolean writesFail(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (System.nanoTime() < deadline) {
        sendPong(new byte[] {1});
        LockSupport.parkNanos(Duration.ofMillis(10).toNanos()); // the pace of the probe
      }
      return false;
    } catch (IOException refused) {
      return true;
    }
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
