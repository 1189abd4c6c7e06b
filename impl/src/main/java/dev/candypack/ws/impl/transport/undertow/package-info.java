/**
 * The native send path on Undertow (WildFly): a connection's messages go out through Undertow's own
 * {@code WebSockets} API on the session's channel, each text encoded once into a direct buffer that
 * every member of a room shares. Loaded by name, only for Undertow's sessions; WildFly gives every
 * web deployment Undertow's modules, so the classes it names resolve there.
 */
package dev.candypack.ws.impl.transport.undertow;
