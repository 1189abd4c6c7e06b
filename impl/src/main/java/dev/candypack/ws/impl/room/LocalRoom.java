package dev.candypack.ws.impl.room;

import dev.candypack.ws.CandyRoom;
import dev.candypack.ws.CandySocket;
import dev.candypack.ws.impl.codec.JsonCodec;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;

/**
 * A room: a name bound to the application's fan-out, cheap to create for each send. Sends reach the
 * members on this node and, through the cluster relay when there is one, on the others.
 */
public final class LocalRoom implements CandyRoom {

  private final String name;
  private final RoomRegistry registry;
  private final Fanout fanout;
  private final JsonCodec codec;

  /**
   * Creates a view of a room.
   *
   * @param name the room's name
   * @param registry the registry that holds its members on this node
   * @param fanout the fan-out that sends to them and to the other nodes
   * @param codec the codec that encodes its messages
   */
  public LocalRoom(String name, RoomRegistry registry, Fanout fanout, JsonCodec codec) {
    this.name = Objects.requireNonNull(name, "room");
    this.registry = registry;
    this.fanout = fanout;
    this.codec = codec;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void send(Object message) {
    fanout.toRoom(name, codec.encode(message));
  }

  @Override
  public void sendBinary(byte[] data) {
    fanout.toRoom(name, codec.binary(data));
  }

  @Override
  public Set<CandySocket> members() {
    return registry.members(name);
  }

  @Override
  public int clusterMemberCount() {
    return fanout.clusterMemberCount(name);
  }

  @Override
  public SortedMap<String, Integer> presence() {
    return fanout.presence().users(name);
  }
}
