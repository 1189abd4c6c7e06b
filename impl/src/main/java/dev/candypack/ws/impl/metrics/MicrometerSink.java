package dev.candypack.ws.impl.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Micrometer (WildFly's {@code micrometer} subsystem): function counters and gauges in the
 * application's {@link MeterRegistry}, under dotted names that its Prometheus output prints as the
 * {@link Series#prometheusName() Prometheus names}.
 */
final class MicrometerSink implements MeterSink {

  /** Where the application's registry would be injected. */
  static final class Target {
    @Inject MeterRegistry registry;
  }

  private final MeterRegistry registry;
  private final List<Meter> registered = new ArrayList<>();
  // Micrometer holds the object a gauge or function counter reads weakly: these keep them alive.
  private final List<LongSupplier> values = new ArrayList<>();

  MicrometerSink(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * The application's registry, when the server offers one to the application.
   *
   * @param beans the application's bean manager
   * @return the sink, or empty
   */
  static Optional<MeterSink> open(BeanManager beans) {
    if (beans.getBeans(MeterRegistry.class).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new MicrometerSink((MeterRegistry) Injection.reference(beans, Target.class)));
  }

  /**
   * Registers through the registry's own methods, not the meter builders: WildFly gives each
   * application a registry that passes these on (with a deployment tag) to the one it exports, but
   * keeps what builders register to itself. Help texts are lost that way.
   */
  @Override
  public synchronized void register(Series series, Map<String, String> labels, LongSupplier value) {
    List<Tag> tags = labels.entrySet().stream().map(e -> Tag.of(e.getKey(), e.getValue())).toList();
    String name = series.dottedName();
    values.add(value);
    if (series.counter()) {
      registered.add(registry.more().counter(name, tags, value, LongSupplier::getAsLong));
    } else {
      registry.gauge(name, tags, value, LongSupplier::getAsLong);
      Gauge gauge = registry.find(name).tags(tags).gauge();
      if (gauge != null) {
        registered.add(gauge);
      }
    }
  }

  @Override
  public synchronized void close() {
    registered.forEach(registry::remove);
    registered.clear();
    values.clear();
  }
}
