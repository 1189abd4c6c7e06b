/**
 * JSON in and out: outgoing messages are encoded once into an {@link
 * dev.candypack.ws.impl.codec.OutboundMessage} that any number of connections can send; incoming
 * text is parsed lazily into a {@link dev.candypack.ws.CandyMessage}.
 */
package dev.candypack.ws.impl.codec;
