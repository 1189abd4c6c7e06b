/**
 * Publishes the {@link dev.candypack.ws.impl.observe.Observatory}'s counters to the metrics the
 * server offers (MicroProfile Metrics on Payara, Micrometer on WildFly), read at scrape time. The
 * adapters name their APIs; {@link dev.candypack.ws.impl.metrics.Metrics} loads one only where its
 * API is present.
 */
package dev.candypack.ws.impl.metrics;
