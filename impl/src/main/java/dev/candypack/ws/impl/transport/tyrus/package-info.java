/**
 * The native send path on Tyrus (Payara Micro 6 and 7): messages framed once by candy-ws and handed
 * to each session's Tyrus web socket as raw frames, reached by reflection so that no other server
 * ever links Tyrus. Loaded by name, only for Tyrus's sessions, by {@link
 * dev.candypack.ws.impl.transport.NativeTransports}.
 */
package dev.candypack.ws.impl.transport.tyrus;
