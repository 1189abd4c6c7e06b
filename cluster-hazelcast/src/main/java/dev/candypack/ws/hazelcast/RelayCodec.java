package dev.candypack.ws.hazelcast;

import dev.candypack.ws.spi.RelayMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The bytes that travel on the grid. Only {@code byte[]} crosses it, a type every Hazelcast member
 * and client reads without the application's classes: a server's own data grid (Payara's) cannot
 * load classes from inside a WAR.
 *
 * <p>A message: version 1, kind, binary flag, origin, room, payload (the text as UTF-8 or the
 * bytes). A node report: version 1, client count, then each room and its member count.
 */
final class RelayCodec {

  private static final byte VERSION = 1;
  private static final int BROADCAST = 1;
  private static final int BINARY = 2;

  private RelayCodec() {}

  static byte[] encode(RelayMessage message) {
    byte[] payload =
        message.isBinary() ? message.bytes() : message.text().getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(payload.length + 64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeByte(
          (message.kind() == RelayMessage.Kind.BROADCAST ? BROADCAST : 0)
              | (message.isBinary() ? BINARY : 0));
      writeString(out, message.origin());
      writeString(out, message.room() == null ? "" : message.room());
      out.writeInt(payload.length);
      out.write(payload);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array never fails
    }
    return bytes.toByteArray();
  }

  /**
   * Reads a message.
   *
   * @throws IllegalArgumentException when the bytes are not a message of this version
   */
  static RelayMessage decode(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      requireVersion(in.readByte());
      int flags = in.readByte();
      String origin = readString(in);
      String room = readString(in);
      byte[] payload = readBytes(in);
      boolean broadcast = (flags & BROADCAST) != 0;
      boolean binary = (flags & BINARY) != 0;
      return new RelayMessage(
          broadcast ? RelayMessage.Kind.BROADCAST : RelayMessage.Kind.ROOM,
          broadcast ? null : room,
          binary ? null : new String(payload, StandardCharsets.UTF_8),
          binary ? payload : null,
          origin);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a candy-ws relay message: " + e, e);
    }
  }

  /** A node's counts as it reports them to the others. */
  record Report(int clients, Map<String, Integer> rooms) {}

  static byte[] encode(Report report) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 32 * report.rooms().size());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeInt(report.clients());
      out.writeInt(report.rooms().size());
      for (Map.Entry<String, Integer> room : report.rooms().entrySet()) {
        writeString(out, room.getKey());
        out.writeInt(room.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Reads a node report.
   *
   * @throws IllegalArgumentException when the bytes are not a report of this version
   */
  static Report decodeReport(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      requireVersion(in.readByte());
      int clients = in.readInt();
      int count = in.readInt();
      Map<String, Integer> rooms = new HashMap<>(Math.max(4, count * 2));
      for (int i = 0; i < count; i++) {
        rooms.put(readString(in), in.readInt());
      }
      return new Report(clients, rooms);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a candy-ws node report: " + e, e);
    }
  }

  private static void requireVersion(byte version) throws IOException {
    if (version != VERSION) {
      throw new IOException("version " + version + ", expected " + VERSION);
    }
  }

  // Length-prefixed UTF-8: DataOutput.writeUTF stops at 64 KiB, a room name need not.
  private static void writeString(DataOutputStream out, String text) throws IOException {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static String readString(DataInputStream in) throws IOException {
    return new String(readBytes(in), StandardCharsets.UTF_8);
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > in.available()) {
      throw new IOException("bad length " + length);
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return bytes;
  }
}
