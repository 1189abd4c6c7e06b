/**
 * Rooms and the server-wide view: which connections are open and which rooms they are in, and
 * fan-out of one encoded message to many members without waiting on any of them.
 */
package dev.candypack.ws.impl.room;
