package dev.candypack.ws.impl.health;

import dev.candypack.ws.impl.route.RouteExtension;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The {@code candy-ws} readiness check of MicroProfile Health. Not a bean by itself (its jar
 * discovers annotated beans only and this class has no scope): {@link HealthChecks} adds it where
 * the server offers MicroProfile Health.
 */
@Readiness
public class CandyReadinessCheck implements HealthCheck {

  private final RouteExtension extension;

  /**
   * @param extension the application's routes and runtime
   */
  @Inject
  public CandyReadinessCheck(RouteExtension extension) {
    this.extension = extension;
  }

  @Override
  public HealthCheckResponse call() {
    ReadinessState readiness = ReadinessState.of(extension.runtime());
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named(ReadinessState.NAME).status(readiness.up());
    readiness
        .data()
        .forEach(
            (key, value) -> {
              if (value instanceof Boolean flag) {
                response.withData(key, flag);
              } else if (value instanceof Number number) {
                response.withData(key, number.longValue());
              } else {
                response.withData(key, String.valueOf(value));
              }
            });
    return response.build();
  }
}
