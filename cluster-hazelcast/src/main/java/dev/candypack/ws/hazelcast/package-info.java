/**
 * candy-ws across several nodes over Hazelcast: add {@code candy-ws-hazelcast} to the WAR and set
 * {@code candy.ws.cluster=hazelcast}. {@link dev.candypack.ws.hazelcast.HazelcastRelay} is the
 * relay; everything else here is internal.
 */
package dev.candypack.ws.hazelcast;
