/**
 * candy-ws's implementation. Packages by concern: {@code route} finds routes at deployment, {@code
 * endpoint} adapts them to the container's WebSocket API, {@code connection} is one connection,
 * {@code room} holds connections and rooms, {@code codec} is JSON, {@code context} is the request a
 * handler sees. Nothing here is API: applications code against {@code dev.candypack.ws}.
 */
package dev.candypack.ws.impl;
