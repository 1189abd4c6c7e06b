package dev.candypack.ws.impl.transport.tyrus;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The container's scheduler as a Tyrus session sees it once candy-ws keeps its idle timeout: every
 * task goes to the container's scheduler except the session's idle-timeout task, which Tyrus
 * schedules afresh on every message received and every Jakarta WebSocket send, even when the
 * session has no timeout (Tyrus 2 schedules it with no delay, and the task then finds nothing to
 * do). Such a task is dropped and Tyrus gets a future that is already cancelled.
 *
 * <p>Only for sessions whose own idle timeout is off: candy-ws's {@code IdleTimeout} then closes
 * idle connections itself.
 */
final class IdleTaskFilter implements ScheduledExecutorService {

  private final ScheduledExecutorService scheduler;
  private final Class<?> idleTask;

  /**
   * A filter.
   *
   * @param scheduler the container's scheduler, which gets every other task
   * @param idleTask the class of Tyrus's idle-timeout task
   */
  IdleTaskFilter(ScheduledExecutorService scheduler, Class<?> idleTask) {
    this.scheduler = scheduler;
    this.idleTask = idleTask;
  }

  /**
   * The scheduler this filter hands tasks to.
   *
   * @return the container's scheduler
   */
  ScheduledExecutorService scheduler() {
    return scheduler;
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    if (command.getClass() == idleTask) {
      return Dropped.TASK;
    }
    return scheduler.schedule(command, delay, unit);
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    return scheduler.schedule(callable, delay, unit);
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(
      Runnable command, long initialDelay, long period, TimeUnit unit) {
    return scheduler.scheduleAtFixedRate(command, initialDelay, period, unit);
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(
      Runnable command, long initialDelay, long delay, TimeUnit unit) {
    return scheduler.scheduleWithFixedDelay(command, initialDelay, delay, unit);
  }

  @Override
  public void execute(Runnable command) {
    scheduler.execute(command);
  }

  @Override
  public <T> Future<T> submit(Callable<T> task) {
    return scheduler.submit(task);
  }

  @Override
  public <T> Future<T> submit(Runnable task, T result) {
    return scheduler.submit(task, result);
  }

  @Override
  public Future<?> submit(Runnable task) {
    return scheduler.submit(task);
  }

  @Override
  public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks)
      throws InterruptedException {
    return scheduler.invokeAll(tasks);
  }

  @Override
  public <T> List<Future<T>> invokeAll(
      Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
      throws InterruptedException {
    return scheduler.invokeAll(tasks, timeout, unit);
  }

  @Override
  public <T> T invokeAny(Collection<? extends Callable<T>> tasks)
      throws InterruptedException, ExecutionException {
    return scheduler.invokeAny(tasks);
  }

  @Override
  public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
      throws InterruptedException, ExecutionException, TimeoutException {
    return scheduler.invokeAny(tasks, timeout, unit);
  }

  @Override
  public void shutdown() {
    scheduler.shutdown();
  }

  @Override
  public List<Runnable> shutdownNow() {
    return scheduler.shutdownNow();
  }

  @Override
  public boolean isShutdown() {
    return scheduler.isShutdown();
  }

  @Override
  public boolean isTerminated() {
    return scheduler.isTerminated();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return scheduler.awaitTermination(timeout, unit);
  }

  /** The future of every dropped task: cancelled before it was scheduled. */
  static final class Dropped implements ScheduledFuture<Object> {

    static final Dropped TASK = new Dropped();

    private Dropped() {}

    @Override
    public long getDelay(TimeUnit unit) {
      return 0;
    }

    @Override
    public int compareTo(Delayed other) {
      return Long.compare(0, other.getDelay(TimeUnit.NANOSECONDS));
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      return false;
    }

    @Override
    public boolean isCancelled() {
      return true;
    }

    @Override
    public boolean isDone() {
      return true;
    }

    @Override
    public Object get() {
      throw new CancellationException("dropped: candy-ws keeps the idle timeout");
    }

    @Override
    public Object get(long timeout, TimeUnit unit) {
      return get();
    }
  }
}
