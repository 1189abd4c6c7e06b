package dev.candypack.ws.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candypack.ws.tck.RawSocket.WireFrame;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A client that reads the server's frames itself, to check what went over the wire: each message in
 * one final, unmasked frame, its length written in the shortest form, its payload exact. It answers
 * the pings that carry a payload (candy-ws's heartbeat and read confirmations) and hands every
 * other frame to the test. With {@link #connectOfferingDeflate}, it inflates the messages the
 * server compressed with per-message-deflate (RFC 7692).
 */
final class WireClient implements AutoCloseable {

  static final int TEXT = 0x1;
  static final int BINARY = 0x2;
  static final int CLOSE = 0x8;
  static final int PING = 0x9;

  private static final Duration TIMEOUT = Duration.ofSeconds(WsClient.TIMEOUT_SECONDS);
  private static final byte[] DEFLATE_TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};

  private final RawSocket socket;
  private final Inflater inflater; // null unless the server accepted per-message-deflate

  private WireClient(RawSocket socket, boolean deflate) {
    this.socket = socket;
    this.inflater = deflate ? new Inflater(true) : null;
  }

  /** Connects without offering any extension. */
  static WireClient connect(URI ws) throws IOException {
    RawSocket socket = RawSocket.connect(ws);
    String extensions = socket.responseHeader("Sec-WebSocket-Extensions");
    if (extensions != null) {
      socket.close();
      throw new AssertionError("an extension nobody offered: " + extensions);
    }
    return new WireClient(socket, false);
  }

  /**
   * Connects with a small receive buffer and without offering any extension, for a client that
   * stops reading.
   */
  static WireClient connectSlow(URI ws, int receiveBuffer) throws IOException {
    return new WireClient(RawSocket.connect(ws, receiveBuffer), false);
  }

  /**
   * Connects offering {@code permessage-deflate}; {@link #deflate()} tells whether the server
   * accepted it.
   */
  static WireClient connectOfferingDeflate(URI ws) throws IOException {
    RawSocket socket =
        RawSocket.handshake(
            ws,
            null,
            Map.of("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits"));
    assertEquals(101, socket.status(), "the upgrade was refused");
    String accepted = socket.responseHeader("Sec-WebSocket-Extensions");
    boolean deflate = accepted != null && accepted.trim().startsWith("permessage-deflate");
    if (accepted != null && !deflate) {
      socket.close();
      throw new AssertionError("an extension nobody offered: " + accepted);
    }
    return new WireClient(socket, deflate);
  }

  /** Whether the server accepted per-message-deflate. */
  boolean deflate() {
    return inflater != null;
  }

  /**
   * The next frame, the pings with a payload answered and skipped: a data frame, a close, or a ping
   * without payload (the route's {@code ws.ping()}).
   */
  WireFrame frame() throws IOException {
    while (true) {
      WireFrame frame = socket.readWireFrame(TIMEOUT);
      if (frame.opcode() == PING && frame.payload().length > 0) {
        socket.sendPong(frame.payload());
        continue;
      }
      return frame;
    }
  }

  /**
   * The next frame, which must be a whole, uncompressed, unmasked message of this type with its
   * length in the shortest form.
   */
  WireFrame message(int opcode) throws IOException {
    WireFrame frame = frame();
    assertEquals(opcode, frame.opcode(), "the frame's opcode");
    assertTrue(frame.fin(), "a message in one final frame");
    assertEquals(0, frame.rsv(), "no reserved bit without an extension");
    assertFalse(frame.masked(), "a server never masks");
    assertEquals(shortestLengthBits(frame.payload().length), frame.lengthBits(), "length form");
    return frame;
  }

  /**
   * The next message's payload, of this type, inflated when it was compressed; its frames may be
   * fragments.
   */
  byte[] payload(int opcode) throws IOException, DataFormatException {
    WireFrame first = frame();
    assertEquals(opcode, first.opcode(), "the message's opcode");
    assertFalse(first.masked(), "a server never masks");
    assertTrue(inflater != null || first.rsv() == 0, "compressed without per-message-deflate");
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    payload.writeBytes(first.payload());
    for (WireFrame frame = first; !frame.fin(); ) {
      frame = frame();
      assertEquals(0, frame.opcode(), "a continuation frame");
      payload.writeBytes(frame.payload());
    }
    return first.compressed() ? inflate(payload.toByteArray()) : payload.toByteArray();
  }

  /** The next text message, inflated when it was compressed. */
  String text() throws IOException, DataFormatException {
    return new String(payload(TEXT), StandardCharsets.UTF_8);
  }

  void sendText(String text) throws IOException {
    socket.sendFrame(TEXT, text.getBytes(StandardCharsets.UTF_8));
  }

  void sendBinary(byte[] data) throws IOException {
    socket.sendFrame(BINARY, data);
  }

  /** Answers the server's close frame with the same code, as RFC 6455 asks. */
  void sendClose(int code) throws IOException {
    socket.sendClose(code);
  }

  /**
   * Whether the server ends the TCP connection within the timeout with nothing more sent: reading
   * ends (or is reset) without a further byte.
   */
  boolean endsWithoutAnotherFrame() throws IOException {
    try {
      WireFrame extra = socket.readWireFrame(TIMEOUT);
      throw new AssertionError(
          "a frame after the close: opcode "
              + extra.opcode()
              + ", "
              + extra.payload().length
              + " B");
    } catch (java.io.EOFException | java.net.SocketException ended) {
      return true;
    } catch (java.net.SocketTimeoutException open) {
      return false;
    }
  }

  /** Drops the TCP connection with a reset: no close frame. */
  void vanish() throws IOException {
    socket.vanish();
  }

  @Override
  public void close() throws IOException {
    socket.close();
    if (inflater != null) {
      inflater.end();
    }
  }

  /** How many bits RFC 6455 writes a payload length in: 7 below 126, 16 to 65,535, else 64. */
  static int shortestLengthBits(long length) {
    return length < 126 ? 7 : length <= 0xFFFF ? 16 : 64;
  }

  /**
   * Inflates one compressed message: its bytes with the empty stored block the sender removed
   * appended (RFC 7692, 7.2.2), through the one inflater of the connection, since the server may
   * refer back to earlier messages.
   */
  private byte[] inflate(byte[] compressed) throws DataFormatException {
    byte[] input = new byte[compressed.length + DEFLATE_TAIL.length];
    System.arraycopy(compressed, 0, input, 0, compressed.length);
    System.arraycopy(DEFLATE_TAIL, 0, input, compressed.length, DEFLATE_TAIL.length);
    inflater.setInput(input);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    while (true) {
      int n = inflater.inflate(chunk);
      out.write(chunk, 0, n);
      if (n == 0 && (inflater.needsInput() || inflater.finished() || inflater.needsDictionary())) {
        break;
      }
    }
    if (inflater.finished()) {
      inflater.reset(); // the sender ended its stream with this message: the next starts afresh
    }
    return out.toByteArray();
  }
}
