/**
 * The {@code candy-ws} readiness check: {@link dev.candypack.ws.impl.health.ReadinessState}
 * decides, {@link dev.candypack.ws.impl.health.CandyReadinessCheck} answers MicroProfile Health,
 * added only where the server offers it.
 */
package dev.candypack.ws.impl.health;
