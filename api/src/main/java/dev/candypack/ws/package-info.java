/**
 * The candy-ws API: CandyPack's WebSocket routes for Jakarta EE.
 *
 * <p>A route is a CDI producer method qualified {@link dev.candypack.ws.CandyRoute} that returns a
 * {@link dev.candypack.ws.CandyHandler}:
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class ChatRoutes {
 *   @Produces
 *   @CandyRoute("/room/{roomId}")
 *   CandyHandler room() {
 *     return (ws, candy) -> {
 *       String roomId = candy.request().url("roomId");
 *       ws.join(roomId);
 *       ws.onMessage(msg -> ws.to(roomId).send(Map.of("text", msg.get("text"))));
 *     };
 *   }
 * }
 * }</pre>
 *
 * <p>The handler receives the connection ({@link dev.candypack.ws.CandySocket}) and the request
 * context ({@link dev.candypack.ws.Candy}). The whole server ({@link dev.candypack.ws.CandyServer})
 * can be injected anywhere in the application.
 */
package dev.candypack.ws;
