/**
 * The optional native send path: where the container allows it ({@code candy.ws.native-transport}),
 * a connection's messages go out through the container's own API instead of Jakarta WebSocket's,
 * each encoded once for every connection it reaches. Pings, closes and connections that negotiated
 * an extension stay on Jakarta WebSocket; one outbound queue per connection keeps them in order.
 * Each container's adapter lives in its own subpackage and is loaded only on its own server.
 */
package dev.candypack.ws.impl.transport;
