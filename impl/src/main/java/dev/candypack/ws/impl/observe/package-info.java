/**
 * What operators and applications can watch: per route counters ({@link
 * dev.candypack.ws.impl.observe.RouteMeter}), the relay's counters, and the lifecycle of every
 * connection ({@link dev.candypack.ws.impl.observe.ConnectionObserver}), all reached through one
 * {@link dev.candypack.ws.impl.observe.Observatory} per application. The metrics, health, CDI
 * events and dashboard read or listen here; the connection and the handshake only report here.
 */
package dev.candypack.ws.impl.observe;
