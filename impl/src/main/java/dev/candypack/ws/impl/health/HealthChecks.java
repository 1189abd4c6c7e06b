package dev.candypack.ws.impl.health;

import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import java.util.logging.Logger;

/**
 * Adds the {@code candy-ws} readiness check to an application where the server offers MicroProfile
 * Health to it, and nothing elsewhere. No liveness check: nothing candy-ws knows says the process
 * must be restarted (a lost grid heals by itself, and a restart would not bring it back).
 */
public final class HealthChecks {

  private static final Logger LOG = Logger.getLogger(HealthChecks.class.getName());
  private static final String API = "org.eclipse.microprofile.health.HealthCheck";

  private HealthChecks() {}

  /**
   * Adds the check as a bean of the application, when the API is there.
   *
   * @param event the start of bean discovery
   * @param beans the bean manager
   */
  public static void addTo(BeforeBeanDiscovery event, BeanManager beans) {
    try {
      Class.forName(API, false, HealthChecks.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      LOG.fine("candy-ws: no MicroProfile Health here; no readiness check");
      return;
    }
    try {
      event.addAnnotatedType(
          beans.createAnnotatedType(CandyReadinessCheck.class),
          CandyReadinessCheck.class.getName());
    } catch (RuntimeException | LinkageError e) {
      LOG.info("candy-ws: no readiness check: " + e);
    }
  }
}
