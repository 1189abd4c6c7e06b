package dev.candypack.ws.impl.metrics;

import dev.candypack.ws.impl.CandyRuntime;
import dev.candypack.ws.impl.connection.Connection;
import jakarta.enterprise.inject.spi.BeanManager;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Publishes an application's counters to the metrics its server offers: MicroProfile Metrics where
 * the application sees its API (Payara), Micrometer otherwise (WildFly's {@code micrometer}
 * subsystem), nothing with neither. Each adapter is loaded only once its API is known to be there,
 * so an application on a server with neither deploys and runs as ever.
 */
public final class Metrics {

  private static final Logger LOG = Logger.getLogger(Metrics.class.getName());

  /** An adapter: the API class it needs, and how it opens a sink. */
  private record Adapter(
      String api, String name, Function<BeanManager, Optional<MeterSink>> open) {}

  // Lambdas, not method references: a lambda's body links the adapter class (and through it the
  // API) only when it runs, after the API was found; a method reference would link it here.
  private static final List<Adapter> ADAPTERS =
      List.of(
          new Adapter(
              "org.eclipse.microprofile.metrics.MetricRegistry",
              "MicroProfile Metrics",
              beans -> MicroProfileSink.open(beans)),
          new Adapter(
              "io.micrometer.core.instrument.MeterRegistry",
              "Micrometer",
              beans -> MicrometerSink.open(beans)));

  private final MeterSink sink;

  private Metrics(MeterSink sink) {
    this.sink = sink;
  }

  /**
   * Publishes the application's counters to the first metrics library the server offers it.
   *
   * @param runtime the application's runtime
   * @param routes the templates of its routes
   * @param beans the application's bean manager
   * @param application the application's class loader
   * @return what to {@link #stop()} when the application stops, or empty when no metrics library is
   *     offered
   */
  public static Optional<Metrics> publish(
      CandyRuntime runtime, Collection<String> routes, BeanManager beans, ClassLoader application) {
    for (Adapter adapter : ADAPTERS) {
      if (!present(adapter.api(), application)) {
        continue;
      }
      try {
        Optional<MeterSink> sink = adapter.open().apply(beans);
        if (sink.isEmpty()) {
          LOG.fine(() -> "candy-ws: " + adapter.name() + " is here but offers no registry");
          continue;
        }
        new MetricsPublisher(runtime.observatory(), route -> backlog(runtime, route), sink.get())
            .publish(routes);
        LOG.info(() -> "candy-ws: metrics of " + routes.size() + " route(s) in " + adapter.name());
        return Optional.of(new Metrics(sink.get()));
      } catch (RuntimeException | LinkageError e) {
        LOG.info("candy-ws: no metrics through " + adapter.name() + ": " + e);
        LOG.log(Level.FINE, "candy-ws: " + adapter.name() + " failed", e);
      }
    }
    LOG.fine("candy-ws: the server offers no metrics library; counters are not published");
    return Optional.empty();
  }

  /** Removes the application's series. */
  public void stop() {
    sink.close();
  }

  /**
   * The bytes queued to the open connections of a route, summed when the metrics are scraped.
   *
   * @param runtime the application's runtime
   * @param route the route's template
   * @return the bytes, each message counting its payload and its cost per frame
   */
  public static long backlog(CandyRuntime runtime, String route) {
    long bytes = 0;
    for (Object socket : runtime.registry().clients().values()) {
      if (socket instanceof Connection connection && connection.route().equals(route)) {
        bytes += connection.backlogBytes();
      }
    }
    return bytes;
  }

  private static boolean present(String className, ClassLoader loader) {
    try {
      Class.forName(className, false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
