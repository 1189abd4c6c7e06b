/**
 * One connection: the {@link dev.candypack.ws.CandySocket} the handler sees, its outbound queue
 * (one send in flight, never blocking the caller), its handlers, and the gate that holds messages
 * until the route's handler has finished.
 */
package dev.candypack.ws.impl.connection;
