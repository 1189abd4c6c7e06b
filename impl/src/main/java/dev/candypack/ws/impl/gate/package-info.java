/**
 * What is decided about a WebSocket handshake before the upgrade: the {@code Host} it names, its
 * browser origin against the request's scheme, the client's address (through trusted proxies), and
 * a slot under the application's and the address's connection caps, held until the connection
 * closes. Refusals are answered with an HTTP status and logged at most once a minute per kind.
 */
package dev.candypack.ws.impl.gate;
