package dev.candypack.ws.impl.events;

import jakarta.enterprise.event.Event;
import java.util.concurrent.CompletionException;

/**
 * One event type of one route, and how to deliver it: to the synchronous observers, the
 * asynchronous ones, or both, as found at start. {@code Event.fire} reaches only synchronous
 * observers and {@code fireAsync} only asynchronous ones.
 *
 * @param <E> the event type
 */
final class EventChannel<E> {

  private final Event<E> event;
  private final boolean sync;
  private final boolean async;
  private final ClassLoader application;
  private final ObserverFailures failures;

  EventChannel(
      Event<E> event,
      boolean sync,
      boolean async,
      ClassLoader application,
      ObserverFailures failures) {
    this.event = event;
    this.sync = sync;
    this.async = async;
    this.application = application;
    this.failures = failures;
  }

  /**
   * Delivers an event; an observer's failure is logged, never thrown. The thread's context class
   * loader is the application's meanwhile: a close may come on the container's or candy-ws's timer.
   */
  void fire(E payload) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(application);
    try {
      if (sync) {
        fireSync(payload);
      }
      if (async) {
        fireAsync(payload);
      }
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private void fireSync(E payload) {
    try {
      event.fire(payload);
    } catch (RuntimeException | LinkageError e) {
      failures.failed(e);
    }
  }

  private void fireAsync(E payload) {
    try {
      event
          .fireAsync(payload)
          .whenComplete(
              (done, failure) -> {
                if (failure != null) {
                  failures.failed(
                      failure instanceof CompletionException && failure.getCause() != null
                          ? failure.getCause()
                          : failure);
                }
              });
    } catch (RuntimeException | LinkageError e) {
      failures.failed(e);
    }
  }
}
