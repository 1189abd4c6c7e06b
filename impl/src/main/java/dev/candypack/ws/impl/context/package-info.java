/**
 * The request context a route handler receives ({@link dev.candypack.ws.Candy}): a snapshot of the
 * handshake request taken when the connection opened, so that nothing reaches back into a request
 * the container has recycled.
 */
package dev.candypack.ws.impl.context;
