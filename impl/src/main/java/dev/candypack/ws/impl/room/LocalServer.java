package dev.candypack.ws.impl.room;

import dev.candypack.ws.CandyRoom;
import dev.candypack.ws.CandyServer;
import dev.candypack.ws.CandySocket;
import dev.candypack.ws.impl.codec.JsonCodec;
import java.util.Map;

/** The application's {@link CandyServer}: the registry and the codec behind the public face. */
public final class LocalServer implements CandyServer {

  private final RoomRegistry registry;
  private final JsonCodec codec;

  /**
   * Creates the server view.
   *
   * @param registry the application's connections and rooms
   * @param codec the application's codec
   */
  public LocalServer(RoomRegistry registry, JsonCodec codec) {
    this.registry = registry;
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
  public CandyRoom room(String room) {
    return new LocalRoom(room, registry, codec);
  }

  @Override
  public void toRoom(String room, Object message) {
    room(room).send(message);
  }

  @Override
  public void broadcast(Object message) {
    registry.broadcast(codec.encode(message), null);
  }
}
