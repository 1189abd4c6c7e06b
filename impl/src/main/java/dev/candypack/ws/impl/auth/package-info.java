/**
 * What a connection keeps of its user beyond the handshake: the roles the application declares,
 * checked while the handshake request is alive, and the HTTP session it was opened under, whose end
 * closes it.
 */
package dev.candypack.ws.impl.auth;
