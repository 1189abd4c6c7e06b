package dev.candypack.ws.impl.transport.tyrus;

import dev.candypack.ws.impl.transport.NativeContainer;
import dev.candypack.ws.impl.transport.NativeSender;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The native send path of Tyrus (Payara 6: 2.1.5, Payara 7: 2.2.0): each message goes out as a
 * whole frame that candy-ws has built, through {@code TyrusWebSocket.sendRawFrame}, the call
 * Tyrus's own broadcast makes. Unlike a Jakarta WebSocket send, it does not reschedule the
 * session's idle timer on the container's scheduler, which on Payara took most of the fan-out's
 * time; so where connections send this way candy-ws keeps the idle timeout itself.
 *
 * <p>Everything Tyrus is reached by reflection, resolved once here: the session's {@code
 * getAsyncRemote()} is a {@code TyrusRemoteEndpoint}, whose package-private field {@code webSocket}
 * holds the session's {@code TyrusWebSocket}; its public {@code sendRawFrame(ByteBuffer)} returns a
 * {@code TyrusFuture}, a {@link CompletableFuture} completed when the container's writer has taken
 * the frame. A Tyrus that is laid out otherwise makes the constructor throw, and the connections
 * send through Jakarta WebSocket. A session that negotiated an extension (per-message deflate)
 * stays there too: its frames must go through the extension.
 *
 * <p>Tyrus also reschedules the idle timer on every message a session receives; for a session that
 * sends natively, and so has no idle timeout of its own, {@link IdleTasks} drops that task.
 */
public final class TyrusContainer implements NativeContainer {

  private static final Logger LOG = Logger.getLogger(TyrusContainer.class.getName());

  static final String REMOTE_ENDPOINT = "org.glassfish.tyrus.core.TyrusRemoteEndpoint";
  static final String WEB_SOCKET = "org.glassfish.tyrus.core.TyrusWebSocket";
  static final String FUTURE = "org.glassfish.tyrus.core.TyrusFuture";

  private final Class<?> remoteEndpoint;
  private final MethodHandle webSocket; // (Object remote endpoint) -> Object web socket
  private final MethodHandle sendRawFrame; // (Object web socket, ByteBuffer) -> Future
  private final IdleTasks idleTasks; // null when Tyrus keeps them otherwise
  private volatile boolean confirmed; // whether a native send has completed, for one log line

  /**
   * The adapter of the Tyrus that this library's class loader sees.
   *
   * @throws ReflectiveOperationException when that Tyrus is not laid out as this adapter expects
   */
  public TyrusContainer() throws ReflectiveOperationException {
    this(TyrusContainer.class.getClassLoader());
  }

  /**
   * The adapter of the Tyrus a class loader sees.
   *
   * @param tyrus the class loader
   * @throws ReflectiveOperationException when that Tyrus is not laid out as this adapter expects
   */
  TyrusContainer(ClassLoader tyrus) throws ReflectiveOperationException {
    remoteEndpoint = Class.forName(REMOTE_ENDPOINT, false, tyrus);
    Class<?> socket = Class.forName(WEB_SOCKET, false, tyrus);
    if (!CompletableFuture.class.isAssignableFrom(Class.forName(FUTURE, false, tyrus))) {
      throw new NoSuchMethodException(
          FUTURE + " is no CompletableFuture: no way to learn of sends");
    }
    Field field = remoteEndpoint.getDeclaredField("webSocket");
    if (field.getType() != socket) {
      throw new NoSuchFieldException(REMOTE_ENDPOINT + ".webSocket is a " + field.getType());
    }
    field.setAccessible(true);
    webSocket =
        MethodHandles.lookup()
            .unreflectGetter(field)
            .asType(MethodType.methodType(Object.class, Object.class));
    sendRawFrame =
        MethodHandles.publicLookup()
            .findVirtual(
                socket, "sendRawFrame", MethodType.methodType(Future.class, ByteBuffer.class))
            .asType(MethodType.methodType(Future.class, Object.class, ByteBuffer.class));
    idleTasks = idleTasks(tyrus);
  }

  private static IdleTasks idleTasks(ClassLoader tyrus) {
    try {
      return new IdleTasks(tyrus);
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.info("candy-ws: Tyrus keeps scheduling its idle task on each message received: " + e);
      return null;
    }
  }

  @Override
  public Optional<NativeSender> sender(Session session) {
    try {
      if (!session.getNegotiatedExtensions().isEmpty()) {
        return Optional.empty();
      }
      RemoteEndpoint.Async remote = session.getAsyncRemote(); // throws once the session is closed
      if (!remoteEndpoint.isInstance(remote)) {
        return Optional.empty(); // another Tyrus than the one resolved, or no Tyrus at all
      }
      TyrusSender sender = new TyrusSender(this, webSocket.invoke(remote));
      dropIdleTasks(session);
      return Optional.of(sender);
    } catch (Throwable e) {
      LOG.log(Level.FINE, "candy-ws: no native sender for " + session.getId(), e);
      return Optional.empty();
    }
  }

  private void dropIdleTasks(Session session) {
    if (idleTasks == null) {
      return;
    }
    try {
      idleTasks.drop(session);
    } catch (Throwable e) { // the session keeps its idle tasks, which find nothing to do
      LOG.log(Level.FINE, "candy-ws: Tyrus's idle tasks stay for " + session.getId(), e);
    }
  }

  /**
   * Hands a whole frame to a session's Tyrus web socket.
   *
   * @param socket the web socket
   * @param frame the frame, which the send must have to itself
   * @return what Tyrus returned
   * @throws Throwable what Tyrus threw, for instance when the socket is no longer connected
   */
  Future<?> sendRawFrame(Object socket, ByteBuffer frame) throws Throwable {
    return (Future<?>) sendRawFrame.invokeExact(socket, frame);
  }

  /** A send has completed: said once, so that the log shows that sends do go out natively. */
  void completed() {
    if (!confirmed) {
      confirmed = true;
      LOG.info("candy-ws: messages go out natively through Tyrus (sendRawFrame)");
    }
  }
}
