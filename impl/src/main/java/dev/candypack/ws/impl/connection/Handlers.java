package dev.candypack.ws.impl.connection;

import dev.candypack.ws.Registration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The handlers of one event of one connection. Adding and removing is safe from any thread; a
 * handler that fails does not stop the others.
 *
 * @param <T> the event's value
 */
final class Handlers<T> {

  private final List<Consumer<? super T>> handlers = new CopyOnWriteArrayList<>();

  Registration add(Consumer<? super T> handler) {
    if (handler == null) {
      throw new NullPointerException("handler");
    }
    handlers.add(handler);
    return () -> handlers.remove(handler);
  }

  boolean isEmpty() {
    return handlers.isEmpty();
  }

  void clear() {
    handlers.clear();
  }

  /**
   * Calls every handler.
   *
   * @param value the event's value
   * @param failures receives what a handler throws
   */
  void fire(T value, Consumer<Throwable> failures) {
    for (Consumer<? super T> handler : handlers) {
      try {
        handler.accept(value);
      } catch (RuntimeException | Error e) {
        failures.accept(e);
      }
    }
  }
}
