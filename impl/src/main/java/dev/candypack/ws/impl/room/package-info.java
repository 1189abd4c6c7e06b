/**
 * Rooms, users and the server-wide view: which connections are open, which rooms they are in and
 * which authenticated user each belongs to, and fan-out of one encoded message to many members
 * without waiting on any of them.
 */
package dev.candypack.ws.impl.room;
