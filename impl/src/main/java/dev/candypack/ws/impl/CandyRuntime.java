package dev.candypack.ws.impl;

import dev.candypack.ws.CandyServer;
import dev.candypack.ws.impl.codec.JsonCodec;
import dev.candypack.ws.impl.connection.Heartbeat;
import dev.candypack.ws.impl.connection.IdleTimeout;
import dev.candypack.ws.impl.connection.Transport;
import dev.candypack.ws.impl.observe.Observatory;
import dev.candypack.ws.impl.request.RequestSettings;
import dev.candypack.ws.impl.room.Fanout;
import dev.candypack.ws.impl.room.LocalServer;
import dev.candypack.ws.impl.room.RoomRegistry;
import dev.candypack.ws.impl.transaction.TransactionalSends;
import dev.candypack.ws.impl.transport.NativeMode;
import dev.candypack.ws.impl.transport.NativeTransports;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * Everything one application's connections share: the registry of connections and rooms, the
 * fan-out (with the cluster relay, if any), the JSON codec, and the server view over them. One per
 * deployment, held by the CDI extension, so that connections keep plain references and never need
 * CDI while they close.
 */
public final class CandyRuntime {

  private final RoomRegistry registry = new RoomRegistry();
  private final Observatory observatory = new Observatory();
  private final TransactionalSends sends = new TransactionalSends();
  private final Fanout fanout = new Fanout(registry, observatory.relay(), sends);
  private final JsonCodec codec = new JsonCodec();
  private final CandyServer server = new LocalServer(registry, fanout, codec);
  private volatile Executor executor = Executors.newCachedThreadPool(CandyRuntime::daemon);
  private ScheduledExecutorService timer; // made on first use; guarded by this
  private volatile Heartbeat heartbeat; // null when off
  private volatile boolean ownsIdleTimeout;
  private volatile RequestSettings requestSettings = RequestSettings.DEFAULTS;
  private volatile NativeTransports nativeTransports = new NativeTransports(NativeMode.OFF);
  private volatile int routesServed;

  private static Thread daemon(Runnable task) {
    Thread thread = new Thread(task, "candy-ws");
    thread.setDaemon(true);
    return thread;
  }

  private static Thread timerThread(Runnable task) {
    Thread thread = new Thread(task, "candy-ws-timer");
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
   * The application's counters and connection observers.
   *
   * @return the observatory
   */
  public Observatory observatory() {
    return observatory;
  }

  /**
   * Whether the application's sends go at once or wait for the transaction they are made in.
   *
   * @return the decision, at once until JTA is found
   */
  public TransactionalSends sends() {
    return sends;
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
   * The application's timer: one thread for the heartbeat and the time limits of route handlers.
   * Its own thread, not the container's managed scheduler: on Payara, each task scheduled there
   * captures the thread's context, which costs a scan of the application's service files.
   *
   * @return the timer
   */
  public synchronized ScheduledExecutorService timer() {
    if (timer == null) {
      ScheduledThreadPoolExecutor created =
          new ScheduledThreadPoolExecutor(1, CandyRuntime::timerThread);
      created.setRemoveOnCancelPolicy(true); // cancelled time limits leave the queue at once
      created.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
      timer = created;
    }
    return timer;
  }

  /**
   * The container has taken every route: the application serves them from now on.
   *
   * @param routes how many
   */
  public void serving(int routes) {
    routesServed = routes;
  }

  /**
   * How many routes the container has taken.
   *
   * @return the count; 0 until all of them are registered
   */
  public int routesServed() {
    return routesServed;
  }

  /**
   * Starts pinging every connection at an interval; a peer that has not answered the previous ping
   * by the next one is ended.
   *
   * @param intervalMillis the interval; 0 for no heartbeat
   */
  public void startHeartbeat(long intervalMillis) {
    if (intervalMillis > 0) {
      heartbeat = Heartbeat.start(this, intervalMillis);
    }
  }

  /**
   * Starts closing the connections that go without a frame in or out for a time, instead of the
   * container: only where the container's own idle timeout is off.
   *
   * @param timeoutMillis the time, more than 0
   */
  public void startIdleTimeout(long timeoutMillis) {
    IdleTimeout.start(this, timeoutMillis);
    ownsIdleTimeout = true;
  }

  /**
   * Whether candy-ws keeps the idle timeout of this application's connections, so that their
   * sessions must be left without one.
   *
   * @return whether {@link #startIdleTimeout} has run
   */
  public boolean ownsIdleTimeout() {
    return ownsIdleTimeout;
  }

  /**
   * A connection has closed, but the container still holds it open, waiting for the peer to answer
   * the close: the heartbeat ends it if it is still open two beats later. Without a heartbeat, the
   * container keeps it.
   *
   * @param transport the connection
   */
  public void watchClosing(Transport transport) {
    Heartbeat running = heartbeat;
    if (running != null) {
      running.watchClosing(transport);
    }
  }

  /** Stops the timer; the application is stopping. */
  public synchronized void stopTimer() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }

  /**
   * The application's request-reply settings.
   *
   * @return the settings
   */
  public RequestSettings requestSettings() {
    return requestSettings;
  }

  /**
   * Sets the application's request-reply settings, before any connection opens.
   *
   * @param settings the settings
   */
  public void useRequestSettings(RequestSettings settings) {
    this.requestSettings = settings;
  }

  /**
   * Chooses each new connection's transport: Jakarta WebSocket, or the container's native one.
   *
   * @return the choice
   */
  public NativeTransports nativeTransports() {
    return nativeTransports;
  }

  /**
   * Sets whether connections send natively, before any connection opens.
   *
   * @param mode the application's {@code candy.ws.native-transport}
   */
  public void useNativeTransport(NativeMode mode) {
    this.nativeTransports = new NativeTransports(mode);
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
