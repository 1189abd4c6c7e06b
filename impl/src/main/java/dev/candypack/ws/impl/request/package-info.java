/**
 * Request-reply over a connection: the envelopes that carry requests and replies among ordinary
 * messages ({@link dev.candypack.ws.impl.request.Envelope}), the requests a connection's client is
 * waiting on and the ones it asked the client ({@link dev.candypack.ws.impl.request.Requests}),
 * each bounded by {@code candy.ws.max-pending-requests} and timed on the application's timer.
 */
package dev.candypack.ws.impl.request;
