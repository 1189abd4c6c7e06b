package dev.candypack.ws.impl.transport.tyrus;

import jakarta.websocket.Session;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Takes Tyrus's idle-timeout task off a session's scheduler ({@link IdleTaskFilter}), so that a
 * received message no longer costs a task on the container's scheduler. Tyrus keeps the scheduler
 * in the session's private field {@code service}, read on every reschedule; this swaps it for the
 * filter, resolved once by reflection like the rest of the adapter.
 */
final class IdleTasks {

  static final String SESSION = "org.glassfish.tyrus.core.TyrusSession";
  static final String IDLE_TASK = SESSION + "$IdleTimeoutCommand";

  private final Class<?> session;
  private final Class<?> idleTask;
  private final MethodHandle scheduler; // (Object session) -> ScheduledExecutorService
  private final MethodHandle useScheduler; // (Object session, ScheduledExecutorService) -> void
  private volatile IdleTaskFilter last; // the sessions of a container share its scheduler

  /**
   * Resolves the session's scheduler field in the Tyrus a class loader sees.
   *
   * @param tyrus the class loader
   * @throws ReflectiveOperationException when that Tyrus is laid out otherwise
   */
  IdleTasks(ClassLoader tyrus) throws ReflectiveOperationException {
    session = Class.forName(SESSION, false, tyrus);
    idleTask = Class.forName(IDLE_TASK, false, tyrus);
    Field field = session.getDeclaredField("service");
    if (field.getType() != ScheduledExecutorService.class
        || Modifier.isFinal(field.getModifiers())) {
      throw new NoSuchFieldException(SESSION + ".service is not a settable scheduler");
    }
    field.setAccessible(true);
    MethodHandles.Lookup lookup = MethodHandles.lookup();
    scheduler =
        lookup
            .unreflectGetter(field)
            .asType(MethodType.methodType(ScheduledExecutorService.class, Object.class));
    useScheduler =
        lookup
            .unreflectSetter(field)
            .asType(
                MethodType.methodType(void.class, Object.class, ScheduledExecutorService.class));
  }

  /**
   * Drops the idle-timeout tasks of a session whose own idle timeout is off; a session with one
   * keeps its tasks.
   *
   * @param opened a session just opened
   * @throws Throwable what reading or writing the field threw
   */
  void drop(Session opened) throws Throwable {
    if (!session.isInstance(opened) || opened.getMaxIdleTimeout() > 0) {
      return;
    }
    ScheduledExecutorService current =
        (ScheduledExecutorService) scheduler.invokeExact((Object) opened);
    if (current == null || current instanceof IdleTaskFilter) {
      return;
    }
    IdleTaskFilter filter = last;
    if (filter == null || filter.scheduler() != current) {
      filter = new IdleTaskFilter(current, idleTask);
      last = filter;
    }
    useScheduler.invokeExact((Object) opened, (ScheduledExecutorService) filter);
  }
}
