package dev.candypack.ws.impl.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Micrometer meters: kind, dotted name, tags, values read at scrape time, removal on stop. */
class MicrometerSinkTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MicrometerSink sink = new MicrometerSink(registry);

  @Test
  void countersAndGaugesReadTheirValueWhenScrapedAndGoAwayOnClose() {
    AtomicLong opened = new AtomicLong();
    AtomicLong open = new AtomicLong();
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("route", "/room/{id}");
    labels.put("code", "4000");
    sink.register(MetricsPublisher.CLOSED, labels, opened::get);
    sink.register(MetricsPublisher.CONNECTIONS, Map.of("route", "/room/{id}"), open::get);
    opened.set(3);
    open.set(2);
    System.gc(); // the sink, not Micrometer's weak references, keeps the readers

    Meter closed = registry.get("candy.ws.connections.closed").tag("code", "4000").meter();
    assertEquals(Meter.Type.COUNTER, closed.getId().getType());
    assertEquals("/room/{id}", closed.getId().getTag("route"));
    assertEquals(3.0, registry.get("candy.ws.connections.closed").functionCounter().count());
    assertEquals(2.0, registry.get("candy.ws.connections").gauge().value());

    sink.close();
    assertEquals(0, registry.getMeters().size());
  }
}
