package dev.candypack.ws.impl.request;

import dev.candypack.ws.impl.codec.JsonCodec;
import dev.candypack.ws.impl.codec.OutboundMessage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What one connection's requests go through: its settings, the codec, the application's timer and
 * executor, the connection's send and its error handlers.
 *
 * @param settings the application's request settings
 * @param codec the application's codec
 * @param timer the application's timer, for timeouts
 * @param executor runs what a timeout does, off the timer's one thread
 * @param send queues a message on the connection
 * @param failures the connection's error handlers
 */
record Channel(
    RequestSettings settings,
    JsonCodec codec,
    Supplier<ScheduledExecutorService> timer,
    Executor executor,
    Consumer<OutboundMessage> send,
    Consumer<Throwable> failures) {

  void send(String text) {
    send.accept(new OutboundMessage.Text(text));
  }

  /**
   * Runs a task on the executor after a delay.
   *
   * @return its timer, to cancel it; {@code null} when the application is stopping
   */
  ScheduledFuture<?> schedule(Runnable task, long millis) {
    try {
      return timer.get().schedule(() -> executor.execute(task), millis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopping) {
      return null;
    }
  }
}
