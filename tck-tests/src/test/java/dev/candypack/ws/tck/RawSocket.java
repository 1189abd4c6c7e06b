package dev.candypack.ws.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * A WebSocket client written on a bare TCP socket, for what polite clients never do: vanish without
 * a close frame or in the middle of a handshake, send floods of control frames, leave a frame half
 * sent, never answer a ping, name another host, connect from another address.
 */
final class RawSocket implements AutoCloseable {

  /** A frame from the server: its opcode and payload. */
  record Frame(int opcode, byte[] payload) {
    static final int TEXT = 0x1;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;

    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  /**
   * A frame from the server as it was on the wire: its header bits, how its length was written (in
   * 7, 16 or 64 bits) and its payload, unmasked if it was masked.
   */
  record WireFrame(
      boolean fin, int rsv, int opcode, boolean masked, int lengthBits, byte[] payload) {

    /** Whether the first reserved bit, per-message-deflate's "compressed", is set. */
    boolean compressed() {
      return (rsv & 0x4) != 0;
    }

    /** The close code of a close frame, 1005 when it has none. */
    int closeCode() {
      return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
    }

    /** The reason of a close frame. */
    String closeReason() {
      return payload.length > 2
          ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8)
          : "";
    }
  }

  private final Socket socket;
  private final int status;
  private final Map<String, String> headers;

  private RawSocket(Socket socket, int status, Map<String, String> headers) {
    this.socket = socket;
    this.status = status;
    this.headers = headers;
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
    RawSocket raw = handshake(ws, receiveBuffer, null, Map.of());
    assertEquals(101, raw.status, "the upgrade was refused");
    return raw;
  }

  /**
   * Sends an upgrade request and reads the response's status. The socket stays open after a 101;
   * otherwise it is closed.
   *
   * @param local the local address to connect from (such as {@code 127.0.0.2}), or {@code null}
   * @param headers extra request headers; a {@code Host} among them replaces the default
   */
  static RawSocket handshake(URI ws, String local, Map<String, String> headers) throws IOException {
    return handshake(ws, 0, local, headers);
  }

  /** The response's status code: 101 when the connection is open. */
  int status() {
    return status;
  }

  /**
   * Sends an upgrade request and resets the connection at once, without reading the response: a
   * client that vanishes in the middle of its handshake.
   */
  static void abandonHandshake(URI ws, Map<String, String> headers) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress(ws.getHost(), ws.getPort()));
    socket.getOutputStream().write(request(ws, headers).getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    socket.setSoLinger(true, 0);
    socket.close();
  }

  private static RawSocket handshake(
      URI ws, int receiveBuffer, String local, Map<String, String> headers) throws IOException {
    Socket socket = new Socket();
    if (receiveBuffer > 0) {
      socket.setReceiveBufferSize(receiveBuffer);
    }
    if (local != null) {
      socket.bind(new InetSocketAddress(local, 0));
    }
    socket.connect(new InetSocketAddress(ws.getHost(), ws.getPort()));
    OutputStream out = socket.getOutputStream();
    out.write(request(ws, headers).getBytes(StandardCharsets.US_ASCII));
    out.flush();
    String status = readLine(socket.getInputStream());
    String[] parts = status.split(" ");
    assertTrue(parts.length >= 2 && parts[0].startsWith("HTTP/"), "no HTTP status: " + status);
    int code = Integer.parseInt(parts[1]);
    if (code != 101) {
      socket.close();
      return new RawSocket(socket, code, Map.of());
    }
    Map<String, String> response = new LinkedHashMap<>();
    for (String line = readLine(socket.getInputStream());
        !line.isEmpty();
        line = readLine(socket.getInputStream())) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        response.merge(
            line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).trim(),
            (first, second) -> first + ", " + second);
      }
    }
    return new RawSocket(socket, code, response);
  }

  /**
   * A header of the server's 101 response.
   *
   * @param name its name, in any case
   * @return its value (repeated headers joined with commas), or {@code null}
   */
  String responseHeader(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  private static String request(URI ws, Map<String, String> headers) {
    byte[] key = new byte[16];
    ThreadLocalRandom.current().nextBytes(key);
    String path = ws.getRawPath() + (ws.getRawQuery() == null ? "" : "?" + ws.getRawQuery());
    StringBuilder request = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\n");
    Map<String, String> all = new LinkedHashMap<>();
    all.put("Host", ws.getHost() + ":" + ws.getPort());
    all.put("Upgrade", "websocket");
    all.put("Connection", "Upgrade");
    all.put("Sec-WebSocket-Version", "13");
    all.put("Sec-WebSocket-Key", Base64.getEncoder().encodeToString(key));
    all.putAll(headers);
    all.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
    return request.append("\r\n").toString();
  }

  /** Sends one masked text frame (payload under 126 bytes). */
  void sendText(String text) throws IOException {
    sendFrame(0x1, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Sends one masked, final frame of any opcode and length, valid or not, its length in the
   * shortest form.
   */
  void sendFrame(int opcode, byte[] payload) throws IOException {
    sendInOneWrite(frame(opcode, payload));
  }

  /**
   * Sends frames in one write: the server reads them all even when the first makes it close the
   * connection (a close frame), where separate writes after it could meet a closed socket.
   */
  void sendInOneWrite(byte[]... frames) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] frame : frames) {
      all.write(frame);
    }
    socket.getOutputStream().write(all.toByteArray());
    socket.getOutputStream().flush();
  }

  /** One masked, final frame of any opcode and length, its length in the shortest form. */
  static byte[] frame(int opcode, byte[] payload) {
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    int lengthBytes = payload.length < 126 ? 0 : payload.length <= 0xFFFF ? 2 : 8;
    byte[] frame = new byte[2 + lengthBytes + 4 + payload.length];
    frame[0] = (byte) (0x80 | opcode);
    frame[1] = (byte) (0x80 | (lengthBytes == 0 ? payload.length : lengthBytes == 2 ? 126 : 127));
    for (int i = 0; i < lengthBytes; i++) {
      frame[2 + i] = (byte) ((long) payload.length >>> (8 * (lengthBytes - 1 - i)));
    }
    int start = 2 + lengthBytes;
    System.arraycopy(mask, 0, frame, start, 4);
    for (int i = 0; i < payload.length; i++) {
      frame[start + 4 + i] = (byte) (payload[i] ^ mask[i % 4]);
    }
    return frame;
  }

  /** The payload of a close frame with a code and no reason. */
  static byte[] closePayload(int code) {
    return new byte[] {(byte) (code >> 8), (byte) code};
  }

  /** Sends a close frame with a code and no reason. */
  void sendClose(int code) throws IOException {
    sendFrame(0x8, closePayload(code));
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
    WireFrame frame = readWireFrame(timeout);
    return new Frame(frame.opcode(), frame.payload());
  }

  /**
   * Reads the next frame from the server as it was on the wire.
   *
   * @param timeout how long to wait for its first byte, and then for each further read
   * @throws SocketTimeoutException when none comes in time
   * @throws EOFException when the connection ends first
   */
  WireFrame readWireFrame(Duration timeout) throws IOException {
    socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
    DataInputStream in = new DataInputStream(socket.getInputStream());
    int first = in.readUnsignedByte();
    int second = in.readUnsignedByte();
    long length = second & 0x7F;
    int lengthBits = 7;
    if (length == 126) {
      length = in.readUnsignedShort();
      lengthBits = 16;
    } else if (length == 127) {
      length = in.readLong();
      lengthBits = 64;
    }
    boolean masked = (second & 0x80) != 0;
    byte[] mask = new byte[4];
    if (masked) {
      in.readFully(mask);
    }
    byte[] payload = new byte[Math.toIntExact(length)];
    in.readFully(payload);
    if (masked) {
      for (int i = 0; i < payload.length; i++) {
        payload[i] ^= mask[i % 4];
      }
    }
    return new WireFrame(
        (first & 0x80) != 0, (first >> 4) & 0x7, first & 0x0F, masked, lengthBits, payload);
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

  /** One line of an HTTP head, without its line break; empty at the end of the stream. */
  static String readLine(InputStream in) throws IOException {
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
