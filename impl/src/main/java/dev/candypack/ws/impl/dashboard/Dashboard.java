package dev.candypack.ws.impl.dashboard;

import dev.candypack.ws.Candy;
import dev.candypack.ws.CandySocket;
import dev.candypack.ws.CloseStatus;
import dev.candypack.ws.impl.CandyRuntime;
import dev.candypack.ws.impl.route.InternalRoute;
import dev.candypack.ws.impl.route.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The dashboard's route and its watchers. While at least one watcher is open, a snapshot is taken
 * once per interval on the application's executor, encoded once and sent to every watcher. A
 * watcher past {@link DashboardSettings#maxWatchers()} is closed with 1013; messages from watchers
 * are ignored.
 */
public final class Dashboard {

  /** The dashboard route's template; the page is {@code /candy-ws/dashboard.html}. */
  public static final String PATH = "/candy-ws/dashboard";

  private static final Logger LOG = Logger.getLogger(Dashboard.class.getName());
  private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);
  private static final CloseStatus FULL =
      new CloseStatus(CloseStatus.TRY_AGAIN_LATER, "Too many dashboard watchers");

  private final DashboardSettings settings;
  private final CandyRuntime runtime;
  private final Sampler sampler = new Sampler(PATH);
  private final List<CandySocket> watchers = new ArrayList<>(); // guarded by itself
  private final AtomicBoolean sampling = new AtomicBoolean();
  private volatile boolean failedBefore;
  private ScheduledFuture<?> ticks; // guarded by watchers

  /**
   * A dashboard over an application's runtime.
   *
   * @param settings its settings
   * @param runtime the application's runtime, whose numbers it shows
   */
  public Dashboard(DashboardSettings settings, CandyRuntime runtime) {
    this.settings = settings;
    this.runtime = runtime;
  }

  /**
   * The route the page connects to, requiring the configured role.
   *
   * @return the route
   */
  public Route route() {
    return InternalRoute.of(PATH, Set.of(settings.role()), "the candy-ws dashboard", this::watch);
  }

  private CompletionStage<?> watch(CandySocket ws, Candy candy) {
    synchronized (watchers) {
      if (watchers.size() >= settings.maxWatchers()) {
        LOG.fine(() -> "candy-ws: refused a dashboard watcher: " + watchers.size() + " are open");
        ws.close(FULL.code(), FULL.reason());
        return DONE;
      }
      watchers.add(ws);
      if (ticks == null) {
        long interval = settings.intervalMillis();
        ticks =
            runtime
                .timer()
                .scheduleAtFixedRate(this::tick, interval, interval, TimeUnit.MILLISECONDS);
      }
    }
    ws.onClose(status -> forget(ws));
    return DONE;
  }

  private void forget(CandySocket ws) {
    synchronized (watchers) {
      watchers.remove(ws);
      if (watchers.isEmpty() && ticks != null) {
        ticks.cancel(false);
        ticks = null;
      }
    }
  }

  /** On the timer: hands the sampling to the executor, unless the previous one still runs. */
  private void tick() {
    if (sampling.compareAndSet(false, true)) {
      try {
        runtime.executor().execute(this::send);
      } catch (RuntimeException e) {
        sampling.set(false);
        failed(e);
      }
    }
  }

  private void send() {
    try {
      List<CandySocket> to;
      synchronized (watchers) {
        to = List.copyOf(watchers);
      }
      if (to.isEmpty()) {
        return;
      }
      String json =
          sampler
              .sample(
                  System.nanoTime(),
                  System.currentTimeMillis(),
                  runtime.observatory().meters(),
                  runtime.observatory().relay(),
                  runtime.registry().roomSizes(),
                  runtime.registry().clients().values(),
                  to.size())
              .toJson();
      to.forEach(watcher -> watcher.send(json));
    } catch (RuntimeException | LinkageError e) {
      failed(e);
    } finally {
      sampling.set(false);
    }
  }

  /** Logged once at WARNING: a failure here would repeat every interval. */
  private void failed(Throwable e) {
    LOG.log(failedBefore ? Level.FINE : Level.WARNING, "candy-ws: a dashboard snapshot failed", e);
    failedBefore = true;
  }
}
