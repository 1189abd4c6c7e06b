package dev.candypack.ws.impl.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candypack.ws.CandyRoute;
import dev.candypack.ws.CandySocket;
import dev.candypack.ws.CloseStatus;
import dev.candypack.ws.event.CandyClosed;
import dev.candypack.ws.event.CandyJoined;
import dev.candypack.ws.event.CandyLeft;
import dev.candypack.ws.event.CandyOpened;
import dev.candypack.ws.event.CandyRefused;
import dev.candypack.ws.event.CandyRefused.Reason;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lifecycle events on real CDI (Weld SE): who gets which, in what order, and failures. */
class CdiEventsTest {

  private static final List<String> ROUTES = List.of("/chat", "/news");
  private static final CandySocket SOCKET = socket("s1");

  private final Logger failureLog = Logger.getLogger(ObserverFailures.class.getName());
  private final BlockingQueue<LogRecord> logged = new LinkedBlockingQueue<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          logged.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void captureLog() {
    failureLog.setUseParentHandlers(false);
    failureLog.addHandler(capture);
  }

  @AfterEach
  void releaseLog() {
    failureLog.removeHandler(capture);
    failureLog.setUseParentHandlers(true);
  }

  /** Observes every event of every route, and {@code CandyOpened} of {@code /chat} apart. */
  @ApplicationScoped
  public static class Everything {
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final List<String> chatOnly = new CopyOnWriteArrayList<>();
    private volatile ClassLoader contextLoader;

    public List<String> seen() {
      return seen;
    }

    public List<String> chatOnly() {
      return chatOnly;
    }

    public ClassLoader contextLoader() {
      return contextLoader;
    }

    void opened(@Observes CandyOpened e) {
      contextLoader = Thread.currentThread().getContextClassLoader();
      seen.add("opened " + e.route() + " " + e.socket().id());
    }

    void chatOpened(@Observes @CandyRoute("/chat") CandyOpened e) {
      chatOnly.add("opened " + e.route());
    }

    void joined(@Observes CandyJoined e) {
      seen.add("joined " + e.route() + " " + e.socket().id() + " " + e.room());
    }

    void left(@Observes CandyLeft e) {
      seen.add("left " + e.route() + " " + e.socket().id() + " " + e.room());
    }

    void closed(@Observes CandyClosed e) {
      seen.add("closed " + e.route() + " " + e.socket().id() + " " + e.status().code());
    }

    void refused(@Observes CandyRefused e) {
      seen.add("refused " + e.route() + " " + e.reason().label());
    }
  }

  /** Observes {@code CandyOpened} of {@code /chat} only. */
  @ApplicationScoped
  public static class ChatOpened {
    private final List<String> seen = new CopyOnWriteArrayList<>();

    public List<String> seen() {
      return seen;
    }

    void opened(@Observes @CandyRoute("/chat") CandyOpened e) {
      seen.add(e.route());
    }
  }

  /** Observes nothing of candy-ws. */
  @ApplicationScoped
  public static class Unrelated {
    void started(@Observes String text) {}
  }

  /** Observes {@code CandyOpened} both ways: once on the caller's thread, once off it. */
  @ApplicationScoped
  public static class BothWays {
    private final List<String> sync = new CopyOnWriteArrayList<>();
    private final BlockingQueue<String> async = new LinkedBlockingQueue<>();

    public List<String> sync() {
      return sync;
    }

    public BlockingQueue<String> async() {
      return async;
    }

    void opened(@Observes CandyOpened e) {
      sync.add(Thread.currentThread().getName());
    }

    void openedLater(@ObservesAsync CandyOpened e) {
      async.add(Thread.currentThread().getName());
    }

    void closedLater(@ObservesAsync @CandyRoute("/news") CandyClosed e) {
      async.add("closed " + e.route());
    }
  }

  /** Fails on the opening of every {@code /chat} socket. */
  @ApplicationScoped
  public static class Failing {
    void opened(@Observes @CandyRoute("/chat") CandyOpened e) {
      throw new IllegalStateException("sync observer broke");
    }
  }

  /** Fails, off the caller's thread, on the opening of every {@code /chat} socket. */
  @ApplicationScoped
  public static class FailingLater {
    void openedLater(@ObservesAsync @CandyRoute("/chat") CandyOpened e) {
      throw new IllegalStateException("async observer broke");
    }
  }

  private static WeldContainer start(Class<?>... beans) {
    return new Weld().disableDiscovery().addBeanClasses(beans).initialize();
  }

  private static CdiEvents events(WeldContainer container) {
    return CdiEvents.find(container.getBeanManager(), ROUTES, CdiEventsTest.class.getClassLoader())
        .orElseThrow();
  }

  @Test
  void eachEventFiresOnceInTheOrderItIsReportedWithWhatItCarries() {
    try (WeldContainer container = start(Everything.class)) {
      CdiEvents events = events(container);
      Everything observer = container.select(Everything.class).get();

      events.opened("/chat", SOCKET);
      events.joined("/chat", SOCKET, "lobby");
      events.left("/chat", SOCKET, "lobby");
      events.closed("/chat", SOCKET, new CloseStatus(4100, "bye"));
      events.refused("/news", Reason.UNAUTHORIZED);

      assertEquals(
          List.of(
              "opened /chat s1",
              "joined /chat s1 lobby",
              "left /chat s1 lobby",
              "closed /chat s1 4100",
              "refused /news unauthorized"),
          observer.seen());
    }
  }

  @Test
  void aRouteQualifiedObserverSeesItsRouteOnlyAndAnUnqualifiedOneEveryRoute() {
    try (WeldContainer container = start(Everything.class)) {
      CdiEvents events = events(container);
      Everything observer = container.select(Everything.class).get();

      events.opened("/news", SOCKET);
      events.opened("/chat", SOCKET);

      assertEquals(List.of("opened /chat"), observer.chatOnly());
      assertEquals(List.of("opened /news s1", "opened /chat s1"), observer.seen());
    }
  }

  @Test
  void onlyTheRoutesAndEventTypesThatHaveObserversAreFired() {
    try (WeldContainer container = start(ChatOpened.class)) {
      CdiEvents events = events(container);

      assertEquals("/chat (CandyOpened)", events.describe());
      events.opened("/news", SOCKET); // no observer: nothing to do
      events.closed("/chat", SOCKET, new CloseStatus(1000, ""));
      assertEquals(List.of(), container.select(ChatOpened.class).get().seen());
    }
  }

  @Test
  void anApplicationWithoutObserversRegistersNothing() {
    try (WeldContainer container = start(Unrelated.class)) {
      assertEquals(
          Optional.empty(),
          CdiEvents.find(container.getBeanManager(), ROUTES, getClass().getClassLoader()));
    }
  }

  @Test
  void syncObserversRunOnTheCallersThreadAndAsyncOnesElsewhereOnceEach() throws Exception {
    try (WeldContainer container = start(BothWays.class)) {
      CdiEvents events = events(container);
      BothWays observer = container.select(BothWays.class).get();

      events.opened("/chat", SOCKET);
      events.closed("/news", SOCKET, new CloseStatus(1000, ""));

      assertEquals(List.of(Thread.currentThread().getName()), observer.sync());
      Set<String> async =
          Set.of(
              observer.async().poll(10, TimeUnit.SECONDS),
              observer.async().poll(10, TimeUnit.SECONDS));
      assertTrue(async.contains("closed /news"), async.toString());
      String asyncThread =
          async.stream().filter(s -> !s.startsWith("closed")).findFirst().orElseThrow();
      assertNotEquals(Thread.currentThread().getName(), asyncThread);
      assertEquals(null, observer.async().poll(100, TimeUnit.MILLISECONDS), "once each");
      assertEquals(List.of(Thread.currentThread().getName()), observer.sync());
    }
  }

  @Test
  void aFailingObserverIsLoggedAndNeverThrown() throws Exception {
    try (WeldContainer container = start(Failing.class)) {
      CdiEvents events = events(container);

      events.opened("/chat", SOCKET); // does not throw

      LogRecord line = logged.poll(10, TimeUnit.SECONDS);
      assertEquals("sync observer broke", rootMessage(line.getThrown()));
      assertEquals(Level.WARNING, line.getLevel());
      assertTrue(
          line.getMessage().startsWith("candy-ws: an observer of CandyOpened of route /chat"),
          line.getMessage());
    }
  }

  @Test
  void aFailingAsyncObserverIsLogged() throws Exception {
    try (WeldContainer container = start(FailingLater.class)) {
      CdiEvents events = events(container);

      events.opened("/chat", SOCKET); // does not throw

      LogRecord line = logged.poll(10, TimeUnit.SECONDS);
      assertEquals("async observer broke", rootMessage(line.getThrown()));
    }
  }

  @Test
  void theApplicationsLoaderIsTheContextLoaderWhileObserversRunAndRestoredAfter() {
    try (WeldContainer container = start(Everything.class);
        URLClassLoader application = new URLClassLoader(new URL[0], getClass().getClassLoader())) {
      CdiEvents events =
          CdiEvents.find(container.getBeanManager(), ROUTES, application).orElseThrow();
      ClassLoader before = Thread.currentThread().getContextClassLoader();

      events.opened("/chat", SOCKET);

      assertEquals(application, container.select(Everything.class).get().contextLoader());
      assertEquals(before, Thread.currentThread().getContextClassLoader());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void theRefusalReasonsAreTheMetricsLabels() {
    assertEquals(
        Set.of("origin", "unauthorized", "forbidden", "token", "guard", "limit"),
        Arrays.stream(CandyRefused.Reason.values())
            .map(CandyRefused.Reason::label)
            .collect(Collectors.toSet()));
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }

  private static CandySocket socket(String id) {
    return (CandySocket)
        Proxy.newProxyInstance(
            CandySocket.class.getClassLoader(),
            new Class<?>[] {CandySocket.class},
            (proxy, method, args) -> {
              if (method.getName().equals("id")) {
                return id;
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }
}
