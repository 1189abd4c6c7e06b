package dev.candypack.ws.impl.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candypack.ws.CandySocket;
import dev.candypack.ws.CloseStatus;
import dev.candypack.ws.impl.CandyRuntime;
import dev.candypack.ws.impl.route.Route;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DashboardTest {

  private final CandyRuntime runtime = new CandyRuntime();
  private final Route route =
      new Dashboard(new DashboardSettings(true, "ops", 100, 2), runtime).route();

  @AfterEach
  void stop() {
    runtime.stopTimer();
    runtime.codec().close();
  }

  /** A socket that records what it is sent and closed with, and keeps its close handler. */
  private static final class Watcher {
    final BlockingQueue<String> sent = new LinkedBlockingQueue<>();
    final BlockingQueue<String> closes = new LinkedBlockingQueue<>();
    volatile Consumer<CloseStatus> onClose;
    final CandySocket socket =
        (CandySocket)
            Proxy.newProxyInstance(
                CandySocket.class.getClassLoader(),
                new Class<?>[] {CandySocket.class},
                (proxy, method, args) -> {
                  switch (method.getName()) {
                    case "send" -> sent.add(String.valueOf(args[0]));
                    case "close" -> closes.add(args[0] + " " + args[1]);
                    case "onClose" -> onClose = castHandler(args[0]);
                    case "hashCode" -> {
                      return System.identityHashCode(proxy);
                    }
                    case "equals" -> {
                      return proxy == args[0];
                    }
                    default -> {}
                  }
                  return null;
                });

    @SuppressWarnings("unchecked")
    private static Consumer<CloseStatus> castHandler(Object handler) {
      return (Consumer<CloseStatus>) handler;
    }

    void close() {
      onClose.accept(new CloseStatus(1000, ""));
    }
  }

  private Watcher watch() throws Exception {
    Watcher watcher = new Watcher();
    route.newHandler().handle(watcher.socket, null).toCompletableFuture().get();
    return watcher;
  }

  @Test
  void isTheDashboardPathForTheConfiguredRole() {
    assertEquals(Dashboard.PATH, route.template().value());
    assertEquals(Set.of("ops"), route.rolesAllowed());
  }

  @Test
  void sendsEveryWatcherTheSameSnapshotEveryInterval() throws Exception {
    Watcher first = watch();
    Watcher second = watch();

    String one = first.sent.poll(10, TimeUnit.SECONDS);
    assertNotNull(one, "a snapshot within the interval");
    assertTrue(one.startsWith("{\"type\":\"snapshot\""), one);
    assertTrue(one.contains("\"watchers\":2"), one);
    assertNotNull(second.sent.poll(10, TimeUnit.SECONDS));
    assertNotNull(first.sent.poll(10, TimeUnit.SECONDS), "and again");
  }

  @Test
  void closesAWatcherPastTheLimitWith1013AndTakesOneAgainOnceOneLeft() throws Exception {
    Watcher first = watch();
    watch();

    Watcher third = watch();
    assertEquals(List.of("1013 Too many dashboard watchers"), List.copyOf(third.closes));

    first.close();
    Watcher fourth = watch();
    assertEquals(List.of(), List.copyOf(fourth.closes));
    assertNotNull(fourth.sent.poll(10, TimeUnit.SECONDS));
  }

  @Test
  void stopsSamplingWhenTheLastWatcherLeaves() throws Exception {
    Watcher only = watch();
    assertNotNull(only.sent.poll(10, TimeUnit.SECONDS));
    only.close();
    only.sent.poll(300, TimeUnit.MILLISECONDS); // one taken just before it left may still arrive
    only.sent.clear();

    assertEquals(null, only.sent.poll(500, TimeUnit.MILLISECONDS), "nothing after it left");
  }
}
