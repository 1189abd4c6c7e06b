/**
 * Delivery that survives reconnects and other nodes: who is in a room across the cluster ({@link
 * dev.candypack.ws.impl.delivery.Presence}) and rooms that keep a history, so that a client that
 * comes back receives what it missed ({@link dev.candypack.ws.impl.delivery.HistoryRooms}). Both
 * are opt-in per room; plain rooms never reach this package.
 */
package dev.candypack.ws.impl.delivery;
