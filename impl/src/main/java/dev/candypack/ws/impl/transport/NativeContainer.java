package dev.candypack.ws.impl.transport;

import jakarta.websocket.Session;
import java.util.Optional;

/**
 * A container's native send path, as an adapter in this package's subpackages offers it. An
 * implementation has a public no-argument constructor, which may throw when the container's classes
 * are not what the adapter was built for; {@link NativeTransports} then falls back to Jakarta
 * WebSocket.
 */
public interface NativeContainer {

  /**
   * The sender of one session.
   *
   * @param session a session this container made, just opened
   * @return its sender, or empty when this session must stay on Jakarta WebSocket (for instance
   *     because it negotiated an extension)
   */
  Optional<NativeSender> sender(Session session);

  /**
   * Runs a session's handlers on the thread that reads its messages, for a {@linkplain
   * dev.candypack.ws.CandyRoute#nonBlocking() non-blocking} route, where the container would hand
   * each message to another thread. The default does nothing: the container's own threading stays.
   *
   * @param session a session this container made, just opened, whose messages are not read yet
   * @return whether its handlers now run on the reading thread
   */
  default boolean handleOnReadingThread(Session session) {
    return false;
  }
}
