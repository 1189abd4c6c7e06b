/**
 * The container boundary: registers one programmatic endpoint per route when the web application
 * starts, captures the handshake, and adapts the container's callbacks to a {@link
 * dev.candypack.ws.impl.connection.Connection}. The classes here stay thin; logic lives in the
 * packages they call.
 */
package dev.candypack.ws.impl.endpoint;
