package dev.candypack.ws;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One open WebSocket connection: CandyPack's {@code ws}.
 *
 * <pre>{@code
 * (ws, candy) -> {
 *   ws.join("lobby");
 *   ws.data().put("joinedAt", System.currentTimeMillis());
 *   ws.onMessage(msg -> ws.to("lobby").send(Map.of("text", msg.get("text"))));
 *   ws.onClose(close -> log.info("left with " + close.code()));
 * }
 * }</pre>
 *
 * <p><b>Threads.</b> Every method may be called from any thread. Sends never block: each connection
 * has one outbound queue and sends its frames one at a time, in the order they were given. Sends on
 * a connection that is closing or closed are silently dropped.
 *
 * <p><b>Transactions.</b> A send made inside an active JTA transaction ({@link #send}, {@link
 * #sendBinary}, {@link #broadcast}, {@code to(room).send}, and the {@link CandyServer} sends) is
 * delivered only after the transaction commits, in the order the sends were made, and dropped when
 * it rolls back, as a JMS send in a transaction is; outside a transaction it goes at once. {@code
 * candy.ws.transactional-sends=false} makes every send go at once.
 *
 * <pre>{@code
 * @Transactional
 * public void order(Order order) {
 *   orders.persist(order);
 *   server.toUser(order.customer(), Map.of("type", "ordered", "id", order.id()));  // after commit
 * }
 * }</pre>
 *
 * <p><b>Handlers.</b> Inbound events of one connection are delivered one at a time, in order. An
 * exception thrown by a message, binary or pong handler is handed to the {@linkplain
 * #onError(Consumer) error handlers} (logged when there are none); the connection stays open. Once
 * the connection has closed, it keeps no handler: a close handler added then runs at once, the
 * others are dropped.
 */
public interface CandySocket {

  /**
   * The unique id of this connection, a random UUID.
   *
   * @return the id
   */
  String id();

  /**
   * Where this connection is in its life, CandyPack's {@code readyState}.
   *
   * @return the current state
   */
  ReadyState state();

  /**
   * Sends a message. A {@link CharSequence} goes out as-is in a text frame; a {@code byte[]} or
   * {@link ByteBuffer} goes out as a binary frame; anything else is serialized to JSON with JSON-B.
   *
   * @param message the message; {@code null} is sent as the JSON text {@code null}
   */
  void send(Object message);

  /**
   * Sends a binary frame.
   *
   * @param data the bytes; the array must not be changed afterwards
   */
  void sendBinary(byte[] data);

  /**
   * Adds a handler for text messages. The message is offered both as its raw text and as parsed
   * JSON (when the text is valid JSON).
   *
   * @param handler called once per text message
   * @return the registration, to remove the handler again
   */
  Registration onMessage(Consumer<CandyMessage> handler);

  /**
   * Adds a handler for text messages bound to a class through JSON-B. A message that does not bind
   * goes to the error handlers as a {@link CandyMessage.BindingException}.
   *
   * <pre>{@code
   * record Chat(String text) {}
   * ws.onMessage(Chat.class, chat -> ws.to(room).send(chat));
   * }</pre>
   *
   * @param type the class to bind the JSON to
   * @param handler called once per text message
   * @param <T> the bound type
   * @return the registration, to remove the handler again
   */
  <T> Registration onMessage(Class<T> type, Consumer<? super T> handler);

  /**
   * Adds a handler for binary messages.
   *
   * @param handler called once per binary message, with the whole message
   * @return the registration, to remove the handler again
   */
  Registration onBinary(Consumer<byte[]> handler);

  /**
   * Answers the client's requests (the browser client's {@code ws.request(data)}): the handler's
   * result is the reply. A result that is a {@link CompletionStage} is awaited, and its value is
   * the reply. The reply is serialized to JSON with JSON-B (a string as a JSON string, {@code null}
   * as {@code null}).
   *
   * <pre>{@code
   * ws.onRequest(req -> switch (String.valueOf(req.get("op"))) {
   *   case "add" -> ((BigDecimal) req.get("a")).add((BigDecimal) req.get("b"));
   *   case "user" -> users.find(req.get("id")); // a CompletionStage: its value is the reply
   *   default -> throw new IllegalArgumentException("unknown op");
   * });
   * }</pre>
   *
   * <p>A request is a text message of the form {@code {"candy:request":id,"data":…}}, starting with
   * exactly those characters; the handler gets its {@code data}, and the client gets {@code
   * {"candy:reply":id,"data":…}}. Requests take their turn with the other messages, and count
   * toward the rate limit like them. The client gets an error envelope, {@code
   * {"candy:reply":id,"error":"…"}}, instead when:
   *
   * <ul>
   *   <li>the handler throws, its stage fails or its reply cannot be serialized: {@code Request
   *       handler failed}; the exception goes to the {@linkplain #onError error handlers};
   *   <li>its stage has not completed within {@code candy.ws.request-timeout-ms} (30 s by default):
   *       {@code Request timed out};
   *   <li>as many of the connection's requests are waiting for their stages as {@code
   *       candy.ws.max-pending-requests} allows (64 by default): {@code Too many pending requests},
   *       without calling the handler.
   * </ul>
   *
   * <p>A connection has one request handler at a time: adding one replaces the previous one.
   * Without one, the route opted out: requests are ordinary messages and reach the message handlers
   * exactly as they arrived. When the connection closes, the stages still running are forgotten and
   * nothing is sent.
   *
   * @param handler called once per request, with the request's data; returns the reply, or a stage
   *     of it
   * @return the registration, to remove the handler again (if it has not been replaced)
   */
  Registration onRequest(Function<CandyMessage, ?> handler);

  /**
   * Asks the client and waits for its reply: the other way round from {@link #onRequest}. The
   * browser client answers with the handler it gave {@code ws.onRequest(fn)}.
   *
   * <pre>{@code
   * ws.request(Map.of("question", "Which room?"), Duration.ofSeconds(10))
   *     .thenAccept(reply -> ws.join(reply.data().toString()));
   * }</pre>
   *
   * <p>The data is serialized to JSON with JSON-B and sent as {@code
   * {"candy:request":id,"data":…}}, where {@code id} is a number unique to this connection; the
   * client's {@code {"candy:reply":id,"data":…}} completes the stage with its {@code data}, on the
   * thread that read it. Once a connection has made a request, every message starting with exactly
   * <code>&#123;"candy:reply":</code> is taken as a reply and never reaches the message handlers; a
   * reply that comes too late is dropped. The stage completes exceptionally with a {@link
   * RequestFailedException} when the client answers with {@code {"candy:reply":id,"error":"…"}},
   * when no reply comes in time, when the connection closes first (every pending request is failed
   * then), and at once when the connection is closed already or has as many requests pending as
   * {@code candy.ws.max-pending-requests} allows.
   *
   * @param data the request's data
   * @param timeout how long to wait for the reply
   * @return a stage that completes with the reply's data
   * @throws IllegalArgumentException when the timeout is not positive
   * @throws RuntimeException JSON-B's exception, when the data cannot be serialized to JSON
   */
  CompletionStage<CandyMessage> request(Object data, Duration timeout);

  /**
   * Adds a handler that runs once when the connection closes, however it closes (a close frame, a
   * lost TCP connection, a server-side close, an undeploy). By then the connection has left its
   * rooms.
   *
   * <p>On a connection that has already closed, the handler runs at once, on the caller's thread,
   * with the status the connection closed with, and is not kept. So cleanup registered by work that
   * finishes after the client left still runs:
   *
   * <pre>{@code
   * lookUpUser(token).thenAccept(user -> {      // may complete after the close
   *   users.put(user, ws);
   *   ws.onClose(status -> users.remove(user)); // runs now if ws has closed meanwhile
   * });
   * }</pre>
   *
   * @param handler called with the close code and reason
   * @return the registration, to remove the handler again
   */
  Registration onClose(Consumer<CloseStatus> handler);

  /**
   * Adds a handler for errors: transport errors, and exceptions thrown by other handlers. On a
   * connection that has already closed, no error can follow: the handler is not kept.
   *
   * @param handler called with the error
   * @return the registration, to remove the handler again
   */
  Registration onError(Consumer<Throwable> handler);

  /**
   * Adds a handler for pong frames, the answers to {@link #ping()}. The answers to candy-ws's own
   * pings (its heartbeat's) never reach it.
   *
   * @param handler called with the pong's application data
   * @return the registration, to remove the handler again
   */
  Registration onPong(Consumer<byte[]> handler);

  /** Sends a ping frame; the client's pong reaches the {@linkplain #onPong pong handlers}. */
  void ping();

  /** Closes the connection normally (1000). Same as {@code close(1000, "")}. */
  void close();

  /**
   * Closes the connection after the frames already queued have been sent. Idempotent: only the
   * first call sends a close frame.
   *
   * @param code a close code for which {@link CloseStatus#isSendable(int)} is {@code true}: the
   *     {@code CloseStatus} constants but 1006, or an application code 3000 to 4999
   * @param reason the reason, at most 123 bytes in UTF-8 (longer reasons are cut)
   * @throws IllegalArgumentException if {@link CloseStatus#isSendable(int)} is {@code false}
   */
  void close(int code, String reason);

  /**
   * The free per-connection map, CandyPack's {@code ws.data}. Safe for concurrent use; it does not
   * accept {@code null} keys or values.
   *
   * @return the live, mutable map
   */
  Map<String, Object> data();

  /**
   * The rooms this connection is in.
   *
   * @return an unmodifiable snapshot
   */
  Set<String> rooms();

  /**
   * Joins a room. Joining a room twice is the same as once. A connection may be in at most {@code
   * candy.ws.max-rooms-per-connection} rooms (100 by default), whose names have at most {@code
   * candy.ws.max-room-name} characters (256 by default); a refused join leaves the connection open:
   *
   * <pre>{@code
   * ws.onMessage(m -> {
   *   try {
   *     ws.join(m.text());
   *   } catch (IllegalArgumentException tooMany) {
   *     ws.send(Map.of("error", tooMany.getMessage()));
   *   }
   * });
   * }</pre>
   *
   * @param room the room's name
   * @throws IllegalArgumentException when the name is too long, or the connection is in as many
   *     rooms as it may be already; the message says which
   */
  void join(String room);

  /**
   * Joins a room as a user, so that the room's presence counts this socket as that user on every
   * node ({@link CandyRoom#presence()}), and sockets that {@link #onPresence follow its presence}
   * learn when the user's first socket enters and its last one goes (leaves the room, closes, or
   * its node dies). Otherwise it is {@link #join(String)}; the socket counts as one user per room.
   *
   * <pre>{@code
   * ws.enter(roomId, userId);
   * ws.onPresence(roomId, change -> ws.send(Map.of(
   *     "type", change.joined() ? "joined" : "left", "userId", change.user())));
   * ws.send(Map.of("type", "members", "roomId", roomId,
   *     "users", server.room(roomId).presence().keySet()));
   * }</pre>
   *
   * @param room the room's name
   * @param user the user's id, at most {@code candy.ws.max-room-name} characters
   * @throws IllegalArgumentException as {@link #join(String)} does, when the user's id is too long,
   *     or when this socket entered the room as another user already
   */
  void enter(String room, String user);

  /**
   * Follows who is in a room: the handler learns, once per user and across every node, when a user
   * comes in and goes out (see {@link #enter(String, String)}). It is removed when this socket
   * closes or leaves the room.
   *
   * @param room the room's name, which this socket is in ({@link #join(String)} or {@link
   *     #enter(String, String)} first)
   * @param handler called on any thread; must not block
   * @return the registration, to stop following
   * @throws IllegalArgumentException when this socket is not in the room
   */
  Registration onPresence(String room, Consumer<PresenceChange> handler);

  /**
   * Joins a room that keeps a history ({@code candy.ws.history.rooms}), first receiving every
   * message after {@code since} that the room still holds, in order, then the live ones: none
   * missed, none twice, whichever node the socket was on before. Each message of such a room
   * carries its {@code "offset"}, one more than the room's previous message on every node; a client
   * that comes back passes the last offset it saw. When the room no longer holds every message
   * after {@code since}, the socket is told before the rest: by the handlers of {@link
   * #onHistoryGap} when it has any, else by a message {@code {"type":"reset","roomId":room,
   * "since":since,"oldest":oldest}}.
   *
   * <pre>{@code
   * @CandyRoute("/feed/{roomId}")
   * public void feed(CandySocket ws, @PathParam("roomId") String roomId, Candy candy) {
   *   long since = candy.request().query("since").map(Long::parseLong).orElse(-1L);
   *   ws.join("feed/" + roomId, since);
   * }
   * }</pre>
   *
   * @param room the room's name; a room without a history is joined as {@link #join(String)}
   * @param since the last offset the client saw; {@code -1} for every message the room holds
   * @throws IllegalArgumentException as {@link #join(String)} does
   */
  void join(String room, long since);

  /**
   * Lets the application decide what a socket does when a history room no longer holds every
   * message it asked for ({@link #join(String, long)}); with a handler, candy-ws sends no {@code
   * reset} message itself.
   *
   * @param handler called once per such join, before the messages still held; must not block
   * @return the registration
   */
  Registration onHistoryGap(Consumer<HistoryGap> handler);

  /**
   * Leaves a room; a room with no members left is removed.
   *
   * @param room the room's name
   */
  void leave(String room);

  /**
   * A room, to send to all of its members, this connection included if it is one.
   *
   * <pre>{@code
   * ws.to("lobby").send(Map.of("type", "chat", "message", "hi"));
   * }</pre>
   *
   * @param room the room's name
   * @return the room
   */
  CandyRoom to(String room);

  /**
   * Sends a message to every other open connection of the application, on every route (and on every
   * node of the cluster when a relay is on). The message is encoded once, as {@link #send(Object)}
   * does.
   *
   * @param message the message
   */
  void broadcast(Object message);
}
