package dev.candypack.ws.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue #16 as a chat user met it: a client that sends steadily at 80 % of the default rate limit
 * (40 messages a second against 50) to the example's {@code /chat} is never closed when the server
 * stops for 1.5 s, twice, and then reads what came meanwhile at once (as after a long GC pause or
 * on a busy host), and it gets every echo.
 *
 * <p>The pauses are real: the test stops the server's JVM with {@code SIGSTOP} and resumes it with
 * {@code SIGCONT}, so it needs the server's process. It finds it among its own JVM's child
 * processes: both Arquillian adapters, Payara Micro's and WildFly's, start the server from the test
 * JVM, so the test runs on both servers. It needs a {@code kill} command (any Unix).
 */
@ExtendWith(ArquillianExtension.class)
class PausedServerIT {

  private static final Duration PERIOD = Duration.ofMillis(25); // 40 a second
  private static final Duration PAUSE = Duration.ofMillis(1500);
  private static final int MESSAGES = 480; // 12 s
  private static final List<Duration> PAUSES_AT =
      List.of(Duration.ofSeconds(3), Duration.ofSeconds(8));

  @Deployment(testable = false)
  static WebArchive deployment() {
    return ExampleWar.named("ROOT.war");
  }

  @ArquillianResource URL url;

  @Test
  void aClientAtEightyPercentOfTheLimitSurvivesTwoPausesOfTheServerAndGetsEveryEcho()
      throws Exception {
    ProcessHandle server = serverProcess();
    ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    AtomicInteger sent = new AtomicInteger();
    try (WsClient chat = WsClient.connect(new Server(url).ws("chat"))) {
      assertEquals("{\"type\":\"welcome\",\"message\":\"Connected!\"}", chat.next());
      ScheduledFuture<?> sender =
          clock.scheduleAtFixedRate(
              () -> {
                int n = sent.get();
                if (n >= MESSAGES || chat.closed.isDone()) {
                  throw new IllegalStateException("done"); // ends the schedule
                }
                try {
                  chat.send("{\"n\":" + n + "}");
                  sent.incrementAndGet();
                } catch (IOException | RuntimeException e) {
                  failures.add(e);
                  throw new IllegalStateException(e);
                }
              },
              0,
              PERIOD.toNanos(),
              TimeUnit.NANOSECONDS);
      for (Duration at : PAUSES_AT) {
        clock.schedule(() -> pause(server, failures), at.toMillis(), TimeUnit.MILLISECONDS);
      }
      List<Long> stalls = new ArrayList<>(); // gaps between echoes of nearly a pause
      long previous = System.nanoTime();
      for (int n = 0; n < MESSAGES; n++) {
        String echo = chat.texts.poll(WsClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        long now = System.nanoTime();
        if (now - previous > PAUSE.toNanos() * 9 / 10) {
          stalls.add(TimeUnit.NANOSECONDS.toMillis(now - previous));
        }
        previous = now;
        assertFalse(
            echo == null,
            "echo "
                + n
                + " never came; "
                + sent.get()
                + " sent; closed: "
                + chat.closed.getNow(null));
        assertEquals("{\"type\":\"echo\",\"data\":{\"n\":" + n + "}}", echo);
      }
      sender.cancel(false);
      System.out.printf(
          "%d messages at 40/s to server pid %d, no echo for: %s ms%n",
          MESSAGES, server.pid(), stalls);
      assertTrue(failures.isEmpty(), failures.toString());
      assertTrue(stalls.size() >= PAUSES_AT.size(), "the server was stopped twice: " + stalls);
      assertFalse(chat.closed.isDone(), "closed: " + chat.closed.getNow(null));
      assertEquals(MESSAGES, sent.get());
    } finally {
      clock.shutdownNow();
      signal(server, "CONT"); // never leave the server stopped, whatever failed
    }
  }

  /** Stops the server's JVM for {@link #PAUSE}, as a long GC pause would. */
  private static void pause(ProcessHandle server, List<Throwable> failures) {
    try {
      signal(server, "STOP");
      try {
        Thread.sleep(PAUSE.toMillis()); // the length of the pause is the scenario
      } finally {
        signal(server, "CONT");
      }
    } catch (Exception | Error e) {
      failures.add(e);
    }
  }

  private static void signal(ProcessHandle process, String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, "" + process.pid()).inheritIO().start();
    assertTrue(kill.waitFor(10, TimeUnit.SECONDS), "kill -" + signal + " hung");
    assertEquals(0, kill.exitValue(), "kill -" + signal + " " + process.pid());
  }

  /** The server Arquillian started: the test JVM's child running Payara Micro or WildFly. */
  private static ProcessHandle serverProcess() {
    List<ProcessHandle> servers =
        ProcessHandle.current()
            .descendants()
            .filter(
                p -> {
                  String command = p.info().commandLine().orElse("");
                  return command.contains("payara-micro") || command.contains("jboss-modules.jar");
                })
            .toList();
    assertEquals(
        1,
        servers.size(),
        "one server process among this JVM's children: "
            + ProcessHandle.current()
                .descendants()
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
                .toList());
    return servers.get(0);
  }
}
