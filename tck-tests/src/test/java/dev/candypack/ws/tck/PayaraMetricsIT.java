package dev.candypack.ws.tck;

import java.net.URI;
import java.net.URL;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** Payara Micro serves MicroProfile Metrics at {@code /metrics} and Health at {@code /health}. */
@ExtendWith(ArquillianExtension.class)
class PayaraMetricsIT extends MetricsContract {

  @Override
  URI metrics(URL deployment) {
    return URI.create("http://127.0.0.1:" + deployment.getPort() + "/metrics");
  }

  @Override
  URI readiness(URL deployment) {
    return URI.create("http://127.0.0.1:" + deployment.getPort() + "/health/ready");
  }
}
