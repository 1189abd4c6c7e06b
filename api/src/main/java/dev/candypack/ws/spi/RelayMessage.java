package dev.candypack.ws.spi;

import java.util.Arrays;
import java.util.Objects;

/**
 * One fan-out as it travels between nodes: to the members of a room, to the sockets of a user, or
 * to every connection, with its payload encoded once (JSON text as the sockets receive it, or the
 * bytes of a binary frame).
 *
 * @param kind where it goes
 * @param room the room's name for {@link Kind#ROOM}, the user's name for {@link Kind#USER}, {@code
 *     null} for {@link Kind#BROADCAST}
 * @param text the text frame, or {@code null} for a binary one
 * @param bytes the binary frame, or {@code null} for a text one; never changed after creation
 * @param origin the id of the node that published it ({@link RelayContext#nodeId()})
 */
public record RelayMessage(Kind kind, String room, String text, byte[] bytes, String origin) {

  /** Where a message goes. */
  public enum Kind {
    /** To every member of one room. */
    ROOM,
    /** To every open connection. */
    BROADCAST,
    /** To every open socket of one authenticated user, whose name is in {@link #room()}. */
    USER
  }

  /**
   * Checks that the message is whole.
   *
   * @param kind where it goes
   * @param room the room for a room message, the user for a user message
   * @param text the text frame, or {@code null}
   * @param bytes the binary frame, or {@code null}
   * @param origin the publishing node's id
   * @throws NullPointerException when the kind or origin is missing, a room message has no room, a
   *     user message no user, or there is no payload
   * @throws IllegalArgumentException when it carries both text and bytes, or a broadcast has a room
   */
  public RelayMessage {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(origin, "origin");
    if (kind != Kind.BROADCAST) {
      Objects.requireNonNull(room, kind == Kind.ROOM ? "room" : "user");
    } else if (room != null) {
      throw new IllegalArgumentException("a broadcast has no room");
    }
    if ((text == null) == (bytes == null)) {
      throw new IllegalArgumentException("a message carries either text or bytes");
    }
  }

  /**
   * A text message to a room.
   *
   * @param origin the publishing node
   * @param room the room
   * @param text the encoded frame
   * @return the message
   */
  public static RelayMessage toRoom(String origin, String room, String text) {
    return new RelayMessage(Kind.ROOM, room, text, null, origin);
  }

  /**
   * A binary message to a room.
   *
   * @param origin the publishing node
   * @param room the room
   * @param bytes the frame's bytes, not copied
   * @return the message
   */
  public static RelayMessage toRoom(String origin, String room, byte[] bytes) {
    return new RelayMessage(Kind.ROOM, room, null, bytes, origin);
  }

  /**
   * A text message to every socket of a user.
   *
   * @param origin the publishing node
   * @param user the user's name
   * @param text the encoded frame
   * @return the message
   */
  public static RelayMessage toUser(String origin, String user, String text) {
    return new RelayMessage(Kind.USER, user, text, null, origin);
  }

  /**
   * A binary message to every socket of a user.
   *
   * @param origin the publishing node
   * @param user the user's name
   * @param bytes the frame's bytes, not copied
   * @return the message
   */
  public static RelayMessage toUser(String origin, String user, byte[] bytes) {
    return new RelayMessage(Kind.USER, user, null, bytes, origin);
  }

  /**
   * A text message to every connection.
   *
   * @param origin the publishing node
   * @param text the encoded frame
   * @return the message
   */
  public static RelayMessage broadcast(String origin, String text) {
    return new RelayMessage(Kind.BROADCAST, null, text, null, origin);
  }

  /**
   * A binary message to every connection.
   *
   * @param origin the publishing node
   * @param bytes the frame's bytes, not copied
   * @return the message
   */
  public static RelayMessage broadcast(String origin, byte[] bytes) {
    return new RelayMessage(Kind.BROADCAST, null, null, bytes, origin);
  }

  /**
   * Whether the payload is a binary frame.
   *
   * @return {@code true} for bytes, {@code false} for text
   */
  public boolean isBinary() {
    return bytes != null;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RelayMessage that
        && kind == that.kind
        && Objects.equals(room, that.room)
        && Objects.equals(text, that.text)
        && Arrays.equals(bytes, that.bytes)
        && origin.equals(that.origin);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, room, text, Arrays.hashCode(bytes), origin);
  }

  @Override
  public String toString() {
    return "RelayMessage["
        + kind
        + (room == null ? "" : " " + room)
        + (bytes == null ? ", " + text.length() + " chars" : ", " + bytes.length + " bytes")
        + " from "
        + origin
        + "]";
  }
}
