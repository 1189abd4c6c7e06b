package dev.candypack.ws.impl.metrics;

import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * MicroProfile Metrics 5 (Payara's {@code /metrics}), in the application's registry. MicroProfile
 * Metrics 5 has no counter read from a function, so the counters are gauges that only grow, named
 * as counters are ({@code _total}); their values are read at scrape time like every other series.
 */
final class MicroProfileSink implements MeterSink {

  /** Where the application's registry would be injected: the default scope, the application's. */
  static final class Target {
    @Inject MetricRegistry registry;
  }

  private final MetricRegistry registry;
  private final List<MetricID> registered = new ArrayList<>();

  private MicroProfileSink(MetricRegistry registry) {
    this.registry = registry;
  }

  /**
   * The application's registry, when the server offers one to the application.
   *
   * @param beans the application's bean manager
   * @return the sink, or empty
   */
  static Optional<MeterSink> open(BeanManager beans) {
    if (beans.getBeans(MetricRegistry.class).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new MicroProfileSink((MetricRegistry) Injection.reference(beans, Target.class)));
  }

  @Override
  public synchronized void register(Series series, Map<String, String> labels, LongSupplier value) {
    String name = series.prometheusName();
    Tag[] tags =
        labels.entrySet().stream().map(e -> new Tag(e.getKey(), e.getValue())).toArray(Tag[]::new);
    Metadata metadata = Metadata.builder().withName(name).withDescription(series.help()).build();
    registry.gauge(metadata, value::getAsLong, tags);
    registered.add(new MetricID(name, tags));
  }

  @Override
  public synchronized void close() {
    registered.forEach(registry::remove);
    registered.clear();
  }
}
