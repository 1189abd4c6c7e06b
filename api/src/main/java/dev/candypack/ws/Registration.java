package dev.candypack.ws;

/**
 * A handler that was added to a connection, CandyPack's {@code ws.off(event, fn)} in Java form.
 *
 * <pre>{@code
 * Registration typing = ws.onMessage(msg -> showTyping(msg));
 * typing.remove();
 * }</pre>
 */
@FunctionalInterface
public interface Registration {

  /** Removes the handler; events after this call no longer reach it. Idempotent. */
  void remove();
}
