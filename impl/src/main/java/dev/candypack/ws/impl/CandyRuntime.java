package dev.candypack.ws.impl;

import dev.candypack.ws.CandyServer;
import dev.candypack.ws.impl.codec.JsonCodec;
import dev.candypack.ws.impl.room.LocalServer;
import dev.candypack.ws.impl.room.RoomRegistry;

/**
 * Everything one application's connections share: the registry of connections and rooms, the JSON
 * codec, and the server view over them. One per deployment, held by the CDI extension, so that
 * connections keep plain references and never need CDI while they close.
 */
public final class CandyRuntime {

  private final RoomRegistry registry = new RoomRegistry();
  private final JsonCodec codec = new JsonCodec();
  private final CandyServer server = new LocalServer(registry, codec);

  /**
   * The application's connections and rooms.
   *
   * @return the registry
   */
  public RoomRegistry registry() {
    return registry;
  }

  /**
   * The application's JSON codec.
   *
   * @return the codec
   */
  public JsonCodec codec() {
    return codec;
  }

  /**
   * The application's server view, the {@link CandyServer} bean.
   *
   * @return the server
   */
  public CandyServer server() {
    return server;
  }
}
