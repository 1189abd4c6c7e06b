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
 * <p>A message: version, flags (broadcast, binary, user), origin, room or user, payload (the text
 * as UTF-8 or the bytes). A message to a user is version 2, so that a node from before user
 * messages refuses it rather than reading it as a message to a room of the user's name; the others
 * stay version 1. A node report: version 1, client count, then each room and its member count.
 * {@link Seal} may follow either with a signature.
 *
 * <p>Decoding trusts no length or count it reads: none can make it allocate more than the bytes it
 * was given, and bytes left over are refused.
 */
final class RelayCodec {

  private static final byte VERSION = 1;
  private static final byte USER_VERSION = 2;
  private static final int BROADCAST = 1;
  private static final int BINARY = 2;
  private static final int USER = 4;

  private RelayCodec() {}

  static byte[] encode(RelayMessage message) {
    byte[] payload =
        message.isBinary() ? message.bytes() : message.text().getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(payload.length + 64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(message.kind() == RelayMessage.Kind.USER ? USER_VERSION : VERSION);
      out.writeByte(
          switch (message.kind()) {
                case ROOM -> 0;
                case BROADCAST -> BROADCAST;
                case USER -> USER;
              }
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
   * @param bytes holds the message from index 0
   * @param length how many of the bytes are the message
   * @param maxPayloadBytes the largest payload accepted
   * @throws IllegalArgumentException when the bytes are not a message of this version, or its
   *     payload is over the limit
   */
  static RelayMessage decode(byte[] bytes, int length, long maxPayloadBytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, length))) {
      byte version = in.readByte();
      if (version != VERSION && version != USER_VERSION) {
        throw new IOException(
            "version " + version + ", expected " + VERSION + " or " + USER_VERSION);
      }
      int flags = in.readByte();
      if ((flags & ~(BROADCAST | BINARY | USER)) != 0
          || (flags & (BROADCAST | USER)) == (BROADCAST | USER)
          || ((flags & USER) != 0) != (version == USER_VERSION)) {
        throw new IOException("flags " + flags + " in version " + version);
      }
      String origin = readString(in);
      String room = readString(in);
      int payloadLength = in.readInt();
      if (payloadLength > maxPayloadBytes) {
        throw new IOException(
            "a payload of " + payloadLength + " bytes, over the limit of " + maxPayloadBytes);
      }
      byte[] payload = readBytes(in, payloadLength);
      requireEnd(in);
      boolean broadcast = (flags & BROADCAST) != 0;
      boolean binary = (flags & BINARY) != 0;
      return new RelayMessage(
          broadcast
              ? RelayMessage.Kind.BROADCAST
              : (flags & USER) != 0 ? RelayMessage.Kind.USER : RelayMessage.Kind.ROOM,
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
   * @param bytes holds the report from index 0
   * @param length how many of the bytes are the report
   * @throws IllegalArgumentException when the bytes are not a report of this version
   */
  static Report decodeReport(byte[] bytes, int length) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, length))) {
      requireVersion(in.readByte());
      int clients = requireCount(in.readInt());
      int count = requireCount(in.readInt());
      // Each room takes at least 8 bytes (an empty name's length and the count).
      if (count > in.available() / 8) {
        throw new IOException(count + " rooms in " + in.available() + " bytes");
      }
      Map<String, Integer> rooms = new HashMap<>(); // grows with the rooms actually read
      for (int i = 0; i < count; i++) {
        rooms.put(readString(in), requireCount(in.readInt()));
      }
      requireEnd(in);
      return new Report(clients, rooms);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a candy-ws node report: " + e, e);
    }
  }

  private static int requireCount(int count) throws IOException {
    if (count < 0) {
      throw new IOException("a count of " + count);
    }
    return count;
  }

  private static void requireEnd(DataInputStream in) throws IOException {
    if (in.available() > 0) {
      throw new IOException(in.available() + " bytes too many");
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
    return new String(readBytes(in, in.readInt()), StandardCharsets.UTF_8);
  }

  private static byte[] readBytes(DataInputStream in, int length) throws IOException {
    if (length < 0 || length > in.available()) {
      throw new IOException("bad length " + length);
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return bytes;
  }
}
