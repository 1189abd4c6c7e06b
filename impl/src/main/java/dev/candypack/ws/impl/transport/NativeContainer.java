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
}
