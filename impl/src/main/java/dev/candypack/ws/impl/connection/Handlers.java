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

  private static final Registration NOTHING_TO_REMOVE = () -> {};

  private volatile Consumer<? super T>[] handlers = none();
  // Set once by finish(), under the lock: the event is over and handlers are no longer kept.
  private Ending<T> ending;

  /** How the event ended: the last value, for handlers that come late, or none. */
  private record Ending<T>(boolean hasValue, T value, Consumer<Throwable> failures) {}

  /**
   * Adds a handler. Once the event has {@linkplain #finish finished}, the handler is not kept: it
   * runs at once with the last value when there is one, else it is dropped.
   */
  Registration add(Consumer<? super T> handler) {
    if (handler == null) {
      throw new NullPointerException("handler");
    }
    Ending<T> ended;
    synchronized (this) {
      ended = ending;
      if (ended == null) {
        Consumer<? super T>[] current = handlers;
        Consumer<? super T>[] next = Arrays.copyOf(current, current.length + 1);
        next[current.length] = handler;
        handlers = next;
        return () -> remove(handler);
      }
    }
    if (ended.hasValue()) {
      run(handler, ended.value(), ended.failures());
    }
    return NOTHING_TO_REMOVE;
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

  /** Forgets every handler and keeps none added later: the event will not happen again. */
  void finish() {
    synchronized (this) {
      if (ending == null) {
        ending = new Ending<>(false, null, null);
      }
      handlers = none();
    }
  }

  /**
   * Calls every handler once with the event's last value, forgets them, and from then on calls each
   * handler added later at once with the same value. Every handler runs exactly once, however its
   * {@link #add} races this.
   *
   * @param value the event's last value
   * @param failures receives what a handler throws
   */
  void finish(T value, Consumer<Throwable> failures) {
    Consumer<? super T>[] last;
    synchronized (this) {
      if (ending != null) {
        return;
      }
      ending = new Ending<>(true, value, failures);
      last = handlers;
      handlers = none();
    }
    for (Consumer<? super T> handler : last) {
      run(handler, value, failures);
    }
  }

  /**
   * Calls every handler.
   *
   * @param value the event's value
   * @param failures receives what a handler throws
   */
  void fire(T value, Consumer<Throwable> failures) {
    for (Consumer<? super T> handler : handlers) {
      run(handler, value, failures);
    }
  }

  private static <T> void run(Consumer<? super T> handler, T value, Consumer<Throwable> failures) {
    try {
      handler.accept(value);
    } catch (RuntimeException | Error e) {
      failures.accept(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> Consumer<? super T>[] none() {
    return (Consumer<? super T>[]) NONE;
  }
}
