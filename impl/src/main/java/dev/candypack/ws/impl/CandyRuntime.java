package dev.candypack.ws.impl;

import dev.candypack.ws.CandyServer;
import dev.candypack.ws.impl.codec.JsonCodec;
import dev.candypack.ws.impl.room.Fanout;
import dev.candypack.ws.impl.room.LocalServer;
import dev.candypack.ws.impl.room.RoomRegistry;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * Everything one application's connections share: the registry of connections and rooms, the
 * fan-out (with the cluster relay, if any), the JSON codec, and the server view over them. One per
 * deployment, held by the CDI extension, so that connections keep plain references and never need
 * CDI while they close.
 */
public final class CandyRuntime {

  private final RoomRegistry registry = new RoomRegistry();
  private final Fanout fanout = new Fanout(registry);
  private final JsonCodec codec = new JsonCodec();
  private final CandyServer server = new LocalServer(registry, fanout, codec);
  private volatile Executor executor = Executors.newCachedThreadPool(CandyRuntime::daemon);

  private static Thread daemon(Runnable task) {
    Thread thread = new Thread(task, "candy-ws");
    thread.setDaemon(true);
    return thread;
  }

  /**
   * The application's connections and rooms.
   *
   * @return the registry
   */
  public RoomRegistry registry() {
    return registry;
  }

  /**
   * The application's room and broadcast fan-out, local or across the cluster.
   *
   * @return the fan-out
   */
  public Fanout fanout() {
    return fanout;
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
   * Runs work that must not hold up the caller, such as closing a connection that does not read.
   *
   * @return the executor
   */
  public Executor executor() {
    return executor;
  }

  /**
   * Uses the container's managed executor instead of the library's own threads.
   *
   * @param managed the executor
   */
  public void useExecutor(Executor managed) {
    this.executor = managed;
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
