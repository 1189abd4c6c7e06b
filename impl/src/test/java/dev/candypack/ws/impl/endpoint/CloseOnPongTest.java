package dev.candypack.ws.impl.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CloseOnPongTest {

  private static final CloseReason UNAUTHORIZED =
      new CloseReason(CloseReason.CloseCodes.getCloseCode(4001), "Unauthorized");

  private final List<CloseReason> closes = new CopyOnWriteArrayList<>();
  private final List<ByteBuffer> pings = new CopyOnWriteArrayList<>();
  private final Session session = session();

  @Test
  void aCloseWaitsForThePongOfItsPingAndHappensOnTheThreadThatReadsIt() {
    CloseOnPong close = new CloseOnPong(session, pings::add, Runnable::run, 60_000);

    close.request(UNAUTHORIZED);
    assertEquals(1, pings.size(), "the close asked for a pong");
    assertEquals(List.of(), closes, "nothing closed before the pong");

    Thread reader = Thread.currentThread();
    assertTrue(close.pong(pings.get(0).duplicate()), "the close's own pong is not the handlers'");
    assertEquals(List.of(UNAUTHORIZED), closes);
    assertEquals(reader, closedOn, "closed on the thread that read the pong");
  }

  @Test
  void otherPongsGoToTheHandlersAndCloseNothing() {
    CloseOnPong close = new CloseOnPong(session, pings::add, Runnable::run, 60_000);
    close.request(UNAUTHORIZED);

    assertFalse(close.pong(ByteBuffer.wrap("app".getBytes(StandardCharsets.UTF_8))));
    assertFalse(close.pong(ByteBuffer.allocate(0)));
    assertEquals(List.of(), closes);
  }

  @Test
  void theFirstRequestWinsAndTheSessionClosesOnce() {
    CloseOnPong close = new CloseOnPong(session, pings::add, Runnable::run, 60_000);

    close.request(UNAUTHORIZED);
    close.request(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "later"));
    close.pong(pings.get(0).duplicate());
    close.pong(pings.get(0).duplicate());

    assertEquals(1, pings.size());
    assertEquals(List.of(UNAUTHORIZED), closes);
  }

  @Test
  void aPeerThatNeverAnswersIsClosedByTheTimer() throws Exception {
    CountDownLatch timerRan = new CountDownLatch(1);
    CloseOnPong close =
        new CloseOnPong(
            session,
            pings::add,
            task -> {
              task.run();
              timerRan.countDown();
            },
            10);

    close.request(UNAUTHORIZED);

    assertTrue(timerRan.await(10, TimeUnit.SECONDS));
    assertEquals(List.of(UNAUTHORIZED), closes);
    assertFalse(close.pong(ByteBuffer.allocate(0)));
  }

  @Test
  void aPingThatFailsClosesAtOnce() {
    CloseOnPong close =
        new CloseOnPong(
            session,
            payload -> {
              throw new java.io.IOException("broken pipe");
            },
            Runnable::run,
            60_000);

    close.request(UNAUTHORIZED);

    assertEquals(List.of(UNAUTHORIZED), closes);
  }

  private volatile Thread closedOn;

  private Session session() {
    return (Session)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {Session.class},
            (proxy, method, args) -> {
              if (method.getName().equals("close") && args != null && args.length == 1) {
                closedOn = Thread.currentThread();
                closes.add((CloseReason) args[0]);
              }
              return null;
            });
  }
}
