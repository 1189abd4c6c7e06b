package dev.candypack.ws.tck;

import java.net.URI;
import java.net.URL;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * WildFly, set up as {@code docs/operations.md} says (example-war/src/wildfly/configure.cli): the
 * micrometer subsystem's Prometheus registry at {@code /prometheus} and MicroProfile Health at
 * {@code /health}, both on the management interface.
 */
@ExtendWith(ArquillianExtension.class)
class WildFlyMetricsIT extends MetricsContract {

  private static final int MANAGEMENT_PORT = Integer.getInteger("wildfly.management.port", 10990);

  @Override
  URI metrics(URL deployment) {
    return URI.create("http://127.0.0.1:" + MANAGEMENT_PORT + "/prometheus");
  }

  @Override
  URI readiness(URL deployment) {
    return URI.create("http://127.0.0.1:" + MANAGEMENT_PORT + "/health/ready");
  }
}
