/**
 * The service provider interface for clustering: a {@link dev.candypack.ws.spi.CandyRelay} carries
 * room and broadcast messages between the nodes that serve one application. Applications do not
 * implement it; they add a relay module such as {@code candy-ws-hazelcast} and turn it on.
 */
package dev.candypack.ws.spi;
