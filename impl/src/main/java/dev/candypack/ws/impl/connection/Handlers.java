package dev.candypack.ws.impl.connection;

import dev.candypack.ws.Registration;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The handlers of one event of one connection. Adding and removing is safe from any thread; a
 * handler that fails does not stop the others.
 *
 * <p>A copy-on-write array rather than a {@code CopyOnWriteArrayList}: every connection has five of
 * these and most stay empty, so an empty one costs its header and a reference to a shared array.
 *
 * @param <T> the event's value
 */
final class Handlers<T> {

  private static final Consumer<?>[] NONE = new Consumer<?>[0];

  private volatile Consumer<? super T>[] handlers = none();

  Registration add(Consumer<? super T> handler) {
    if (handler == null) {
      throw new NullPointerException("handler");
    }
    synchronized (this) {
      Consumer<? super T>[] current = handlers;
      Consumer<? super T>[] next = Arrays.copyOf(current, current.length + 1);
      next[current.length] = handler;
      handlers = next;
    }
    return () -> remove(handler);
  }

  private synchronized void remove(Consumer<? super T> handler) {
    Consumer<? super T>[] current = handlers;
    for (int i = 0; i < current.length; i++) {
      if (current[i] == handler) {
        Consumer<? super T>[] next = Arrays.copyOf(current, current.length - 1);
        System.arraycopy(current, i + 1, next, i, current.length - i - 1);
        handlers = next.length == 0 ? none() : next;
        return;
      }
    }
  }

  boolean isEmpty() {
    return handlers.length == 0;
  }

  synchronized void clear() {
    handlers = none();
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

  @SuppressWarnings("unchecked")
  private static <T> Consumer<? super T>[] none() {
    return (Consumer<? super T>[]) NONE;
  }
}
