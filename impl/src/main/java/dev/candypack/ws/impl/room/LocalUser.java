package dev.candypack.ws.impl.room;

import dev.candypack.ws.CandySocket;
import dev.candypack.ws.CandyUser;
import dev.candypack.ws.impl.codec.JsonCodec;
import java.util.Objects;
import java.util.Set;

/**
 * A user's sockets: a name bound to the application's fan-out, cheap to create for each send. Sends
 * reach the user's sockets on this node and, through the cluster relay when there is one, on the
 * others.
 */
final class LocalUser implements CandyUser {

  private final String name;
  private final RoomRegistry registry;
  private final Fanout fanout;
  private final JsonCodec codec;

  LocalUser(String name, RoomRegistry registry, Fanout fanout, JsonCodec codec) {
    this.name = Objects.requireNonNull(name, "user");
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
    fanout.toUser(name, codec.encode(message));
  }

  @Override
  public void sendBinary(byte[] data) {
    fanout.toUser(name, codec.binary(data));
  }

  @Override
  public Set<CandySocket> sockets() {
    return registry.userSockets(name);
  }

  @Override
  public int count() {
    return registry.userSocketCount(name);
  }

  @Override
  public String toString() {
    return "CandyUser[" + name + "]";
  }
}
