package dev.candypack.ws.impl.transport.undertow;

import io.undertow.websockets.jsr.UndertowSession;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.concurrent.Executor;
import org.xnio.XnioIoThread;

/**
 * Runs one Undertow session's handlers on its connection's I/O thread, as WildFly's websockets
 * setting {@code dispatch-to-worker=false} does for every session of the server.
 *
 * <p>Undertow's Jakarta WebSocket layer reads a message on the connection's I/O thread and hands
 * the call of its handler to the executor of the session's frame handler, an ordered queue on the
 * worker pool; a send from the worker is written by the I/O thread again, so an echo crosses
 * threads twice. The layer keeps that executor in a private field of the frame handler and reads it
 * for every message, close and error. This replaces it, before the session's first message is read,
 * by an {@link IoThreadExecutor}; resolved once by reflection, so an Undertow laid out otherwise
 * fails the constructor and keeps its workers.
 */
final class ReadingThreadDispatch {

  private final Field frameHandler; // UndertowSession.frameHandler
  private final Field executor; // FrameHandler.executor

  /**
   * Resolves the fields in this Undertow.
   *
   * @throws ReflectiveOperationException when they are missing or of another kind
   * @throws RuntimeException when the platform refuses access to them
   */
  ReadingThreadDispatch() throws ReflectiveOperationException {
    frameHandler = UndertowSession.class.getDeclaredField("frameHandler");
    executor = frameHandler.getType().getDeclaredField("executor");
    if (executor.getType() != Executor.class || Modifier.isStatic(executor.getModifiers())) {
      throw new NoSuchFieldException(executor + " is not a frame handler's executor");
    }
    frameHandler.setAccessible(true);
    executor.setAccessible(true);
  }

  /**
   * Runs a session's handlers on its I/O thread from now on.
   *
   * @param session a session just opened, whose messages are not read yet
   * @return whether they run there: also when the server already does so for every session; false
   *     when the session has no frame handler
   * @throws ReflectiveOperationException when the fields cannot be read or written
   */
  boolean apply(UndertowSession session) throws ReflectiveOperationException {
    if (!session.getContainer().isDispatchToWorker()) {
      return true;
    }
    Object handler = frameHandler.get(session);
    if (handler == null) {
      return false;
    }
    executor.set(handler, new IoThreadExecutor(session.getWebSocketChannel().getIoThread()));
    return true;
  }

  /**
   * Runs a task at once on its I/O thread, and queues one from any other thread (an undeployment
   * closing the session) on that I/O thread: one thread runs the session's callbacks, in order.
   *
   * @param thread the connection's I/O thread
   */
  record IoThreadExecutor(XnioIoThread thread) implements Executor {

    @Override
    public void execute(Runnable task) {
      if (Thread.currentThread() == thread) {
        task.run();
      } else {
        thread.execute(task);
      }
    }
  }
}
