package dev.candypack.ws.impl.transport;

import dev.candypack.ws.impl.connection.Transport;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Chooses, for each new connection of an application, between its Jakarta WebSocket transport and
 * the container's native send path, and, for a non-blocking route, the thread that runs its
 * handlers. The adapter of a container is loaded the first time one of its sessions opens, by name,
 * so that no other server ever links it; one that fails to load is reported in one log line and its
 * sessions stay on Jakarta WebSocket.
 */
public final class NativeTransports {

  private static final Logger LOG = Logger.getLogger(NativeTransports.class.getName());

  private static final String TYRUS = "org.glassfish.tyrus.";

  /** The adapters, by the package their container's sessions come from. */
  private static final Map<String, String> ADAPTERS =
      Map.of(
          TYRUS,
          "dev.candypack.ws.impl.transport.tyrus.TyrusContainer",
          "io.undertow.",
          "dev.candypack.ws.impl.transport.undertow.UndertowContainer");

  private final NativeMode mode;
  // By session class: the container's adapter, or empty where it has none or it failed to load.
  private final Map<Class<?>, Optional<NativeContainer>> containers = new ConcurrentHashMap<>();

  /**
   * The choice of one application.
   *
   * @param mode its {@code candy.ws.native-transport}
   */
  public NativeTransports(NativeMode mode) {
    this.mode = mode;
  }

  /**
   * The transport a new connection sends through.
   *
   * @param session the connection's session
   * @param standard its Jakarta WebSocket transport
   * @return a native transport over {@code standard}, or {@code standard} itself
   */
  public Transport choose(Session session, Transport standard) {
    return container(session)
        .flatMap(container -> container.sender(session))
        .<Transport>map(sender -> new NativeTransport(standard, sender))
        .orElse(standard);
  }

  /**
   * Lets a new connection of a {@linkplain dev.candypack.ws.CandyRoute#nonBlocking() non-blocking}
   * route run its handlers on the thread that reads its messages, where the container's adapter
   * can; nothing when the mode is {@code off}.
   *
   * @param session the connection's session, before its first message is read
   * @return whether its handlers now run on the reading thread
   */
  public boolean handleOnReadingThread(Session session) {
    return container(session)
        .map(container -> container.handleOnReadingThread(session))
        .orElse(false);
  }

  /**
   * Whether any connection sends natively, or could: false when the mode is {@code off}.
   *
   * @return whether native sends are on
   */
  public boolean enabled() {
    return mode != NativeMode.OFF;
  }

  /**
   * Whether candy-ws must keep the idle timeout of a container's connections itself: Tyrus's idle
   * timer restarts on each Jakarta WebSocket send, not on a native one, so it would close a
   * connection that only receives. Decided for the container, before any session opens, whether or
   * not its adapter loads.
   *
   * @param container the application's WebSocket container
   * @return whether native sends may skip the container's idle timer
   */
  public boolean ownsIdleTimeout(ServerContainer container) {
    return ownsIdleTimeout(container.getClass().getName());
  }

  boolean ownsIdleTimeout(String containerClass) {
    return enabled() && containerClass.startsWith(TYRUS);
  }

  /** The adapter for the session's container, loaded once per session class; none when off. */
  private Optional<NativeContainer> container(Session session) {
    if (mode == NativeMode.OFF) {
      return Optional.empty();
    }
    return containers.computeIfAbsent(session.getClass(), this::load);
  }

  private Optional<NativeContainer> load(Class<?> sessionClass) {
    String adapter =
        ADAPTERS.entrySet().stream()
            .filter(entry -> sessionClass.getName().startsWith(entry.getKey()))
            .map(Map.Entry::getValue)
            .findFirst()
            .orElse(null);
    if (adapter == null) {
      report("candy-ws: no native transport for sessions of " + sessionClass.getName(), null);
      return Optional.empty();
    }
    try {
      NativeContainer container =
          Class.forName(adapter, true, NativeTransports.class.getClassLoader())
              .asSubclass(NativeContainer.class)
              .getConstructor()
              .newInstance();
      LOG.info("candy-ws: sending natively through " + adapter);
      return Optional.of(container);
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      report("candy-ws: " + adapter + " did not load; sending through Jakarta WebSocket", e);
      return Optional.empty();
    }
  }

  private void report(String message, Throwable cause) {
    LOG.log(mode == NativeMode.ON ? Level.WARNING : Level.INFO, message, cause);
  }
}
