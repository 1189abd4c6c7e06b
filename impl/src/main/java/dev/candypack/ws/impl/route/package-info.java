/**
 * Route discovery: the CDI extension that finds every {@code @CandyRoute} method at deployment,
 * checks it, and knows how to obtain a fresh handler for each connection through CDI.
 */
package dev.candypack.ws.impl.route;
