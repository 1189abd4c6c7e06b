package dev.candypack.ws.impl.room;

import dev.candypack.ws.CandyRoom;
import dev.candypack.ws.CandyServer;
import dev.candypack.ws.CandySocket;
import dev.candypack.ws.CandyUser;
import dev.candypack.ws.impl.codec.JsonCodec;
import java.util.Map;

/**
 * The application's {@link CandyServer}: the registry, the fan-out and the codec behind the public
 * face.
 */
public final class LocalServer implements CandyServer {

  private final RoomRegistry registry;
  private final Fanout fanout;
  private final JsonCodec codec;

  /**
   * Creates the server view.
   *
   * @param registry the application's connections and rooms
   * @param fanout the application's fan-out, local or across the cluster
   * @param codec the application's codec
   */
  public LocalServer(RoomRegistry registry, Fanout fanout, JsonCodec codec) {
    this.registry = registry;
    this.fanout = fanout;
    this.codec = codec;
  }

  @Override
  public Map<String, CandySocket> clients() {
    return registry.clients();
  }

  @Override
  public int clientCount() {
    return registry.clientCount();
  }

  @Override
  public int clusterClientCount() {
    return fanout.clusterClientCount();
  }

  @Override
  public CandyRoom room(String room) {
    return new LocalRoom(room, registry, fanout, codec);
  }

  @Override
  public CandyUser user(String name) {
    return new LocalUser(name, registry, fanout, codec);
  }

  @Override
  public void toRoom(String room, Object message) {
    room(room).send(message);
  }

  @Override
  public void broadcast(Object message) {
    fanout.broadcast(codec.encode(message), null);
  }
}
