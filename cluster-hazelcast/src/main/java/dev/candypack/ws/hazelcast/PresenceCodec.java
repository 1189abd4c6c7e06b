package dev.candypack.ws.hazelcast;

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
 * A node's presence as it travels on the grid: version 1, the number of rooms, then each room's
 * name, its number of users, and each user's id and socket count. Like {@link RelayCodec}, decoding
 * trusts no length or count it reads: nothing makes it allocate more than the bytes it was given.
 */
final class PresenceCodec {

  private static final byte VERSION = 1;

  private PresenceCodec() {}

  static byte[] encode(Map<String, Map<String, Integer>> presence) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeInt(presence.size());
      for (Map.Entry<String, Map<String, Integer>> room : presence.entrySet()) {
        writeString(out, room.getKey());
        out.writeInt(room.getValue().size());
        for (Map.Entry<String, Integer> user : room.getValue().entrySet()) {
          writeString(out, user.getKey());
          out.writeInt(user.getValue());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Reads a node's presence.
   *
   * @throws IllegalArgumentException when the bytes are not a presence of this version
   */
  static Map<String, Map<String, Integer>> decode(byte[] bytes, int length) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, length))) {
      if (in.readByte() != VERSION) {
        throw new IOException("not version " + VERSION);
      }
      int rooms = count(in, 8); // a room takes at least its name's length and its user count
      Map<String, Map<String, Integer>> presence = new HashMap<>();
      for (int i = 0; i < rooms; i++) {
        String room = readString(in);
        int users = count(in, 8); // a user takes at least its id's length and its count
        Map<String, Integer> counts = new HashMap<>();
        for (int j = 0; j < users; j++) {
          String user = readString(in);
          int sockets = in.readInt();
          if (sockets <= 0) {
            throw new IOException("a socket count of " + sockets);
          }
          counts.put(user, sockets);
        }
        presence.put(room, counts);
      }
      if (in.available() > 0) {
        throw new IOException(in.available() + " bytes too many");
      }
      return presence;
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a candy-ws presence: " + e, e);
    }
  }

  private static int count(DataInputStream in, int bytesEach) throws IOException {
    int count = in.readInt();
    if (count < 0 || count > in.available() / bytesEach) {
      throw new IOException(count + " entries in " + in.available() + " bytes");
    }
    return count;
  }

  private static void writeString(DataOutputStream out, String text) throws IOException {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static String readString(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > in.available()) {
      throw new IOException("bad length " + length);
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
