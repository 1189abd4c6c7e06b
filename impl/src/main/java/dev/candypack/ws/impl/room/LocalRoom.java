package dev.candypack.ws.impl.room;

import dev.candypack.ws.CandyRoom;
import dev.candypack.ws.CandySocket;
import dev.candypack.ws.impl.codec.JsonCodec;
import java.util.Objects;
import java.util.Set;

/** A room of this server: a name bound to the registry, cheap to create for each send. */
public final class LocalRoom implements CandyRoom {

  private final String name;
  private final RoomRegistry registry;
  private final JsonCodec codec;

  /**
   * Creates a view of a room.
   *
   * @param name the room's name
   * @param registry the registry that holds its members
   * @param codec the codec that encodes its messages
   */
  public LocalRoom(String name, RoomRegistry registry, JsonCodec codec) {
    this.name = Objects.requireNonNull(name, "room");
    this.registry = registry;
    this.codec = codec;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void send(Object message) {
    registry.sendToRoom(name, codec.encode(message));
  }

  @Override
  public void sendBinary(byte[] data) {
    registry.sendToRoom(name, codec.binary(data));
  }

  @Override
  public Set<CandySocket> members() {
    return registry.members(name);
  }
}
