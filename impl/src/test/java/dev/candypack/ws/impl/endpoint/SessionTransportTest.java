package dev.candypack.ws.impl.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionTransportTest {

  private final ClassLoader application = new URLClassLoader(new URL[0], null);
  private final List<ClassLoader> seenBySends = new ArrayList<>();
  private ClassLoader before;

  @BeforeEach
  void enterApplication() {
    before = Thread.currentThread().getContextClassLoader();
    Thread.currentThread().setContextClassLoader(application);
  }

  @AfterEach
  void leaveApplication() {
    Thread.currentThread().setContextClassLoader(before);
  }

  @Test
  void sendsRunWithALoaderWithoutServiceFilesAndRestoreTheApplications() throws Exception {
    SessionTransport transport = new SessionTransport(session());
    AtomicReference<Throwable> result = new AtomicReference<>(new Throwable("not called"));

    transport.sendText("hello", result::set);
    transport.sendBinary(ByteBuffer.allocate(1), failure -> {});
    transport.ping(ByteBuffer.allocate(0));

    assertNull(result.get());
    assertEquals(3, seenBySends.size());
    seenBySends.forEach(seen -> assertSame(ClassLoader.getPlatformClassLoader(), seen));
    assertSame(application, Thread.currentThread().getContextClassLoader());
  }

  @Test
  void theApplicationsLoaderIsRestoredWhenTheSendThrows() {
    Session failing =
        proxy(
            Session.class,
            (method, args) -> {
              throw new IllegalStateException("closed");
            });
    SessionTransport transport = new SessionTransport(failing);

    try {
      transport.sendText("hello", failure -> {});
    } catch (IllegalStateException expected) {
      // the queue handles it
    }

    assertSame(application, Thread.currentThread().getContextClassLoader());
  }

  @Test
  void endClosesWithAReasonWhenTheSessionCannotForceAClose() throws Exception {
    List<Object> closes = new ArrayList<>();
    Session tyrusLike =
        proxy(
            Session.class,
            (method, args) -> {
              if (method.getName().equals("close")) {
                closes.add(args[0]);
              }
              return null;
            });

    new SessionTransport(tyrusLike).end();

    assertEquals(1, closes.size());
    CloseReason reason = (CloseReason) closes.get(0);
    assertEquals(1001, reason.getCloseCode().getCode());
    assertEquals("No answer to ping", reason.getReasonPhrase());
  }

  @Test
  void endForcesTheCloseOfASessionThatCan() throws Exception {
    UndertowLike undertowLike = new UndertowLike();

    assertTrue(SessionTransport.forceClose(undertowLike));
    assertFalse(SessionTransport.forceClose(new Object()));

    assertEquals(1, undertowLike.forced);
  }

  /** Has a public {@code forceClose()}, as Undertow's session does. */
  public static final class UndertowLike {
    int forced;

    /** Closes the channel, in Undertow. */
    public void forceClose() {
      forced++;
    }
  }

  private Session session() {
    RemoteEndpoint.Async remote =
        proxy(
            RemoteEndpoint.Async.class,
            (method, args) -> {
              seenBySends.add(Thread.currentThread().getContextClassLoader());
              if (args != null && args.length == 2 && args[1] instanceof SendHandler handler) {
                handler.onResult(new SendResult());
              }
              return null;
            });
    return proxy(
        Session.class, (method, args) -> method.getName().equals("getAsyncRemote") ? remote : null);
  }

  private interface Call {
    Object invoke(java.lang.reflect.Method method, Object[] args);
  }

  private static <T> T proxy(Class<T> type, Call call) {
    return type.cast(
        Proxy.newProxyInstance(
            SessionTransportTest.class.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> call.invoke(method, args)));
  }
}
