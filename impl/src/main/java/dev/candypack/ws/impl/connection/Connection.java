package dev.candypack.ws.impl.connection;

import dev.candypack.ws.CandyMessage;
import dev.candypack.ws.CandyRoom;
import dev.candypack.ws.CandySocket;
import dev.candypack.ws.CloseStatus;
import dev.candypack.ws.HistoryGap;
import dev.candypack.ws.PresenceChange;
import dev.candypack.ws.ReadyState;
import dev.candypack.ws.Registration;
import dev.candypack.ws.impl.CandyRuntime;
import dev.candypack.ws.impl.codec.JsonCodec;
import dev.candypack.ws.impl.codec.OutboundMessage;
import dev.candypack.ws.impl.delivery.HistoryRooms;
import dev.candypack.ws.impl.observe.RouteMeter;
import dev.candypack.ws.impl.observe.RouteWatch;
import dev.candypack.ws.impl.policy.RateLimiter;
import dev.candypack.ws.impl.request.Requests;
import dev.candypack.ws.impl.room.Fanout;
import dev.candypack.ws.impl.room.LocalRoom;
import dev.candypack.ws.impl.room.RoomMember;
import dev.candypack.ws.impl.room.RoomRegistry;
import dev.candypack.ws.impl.transaction.HeldSends;
import dev.candypack.ws.impl.transaction.TransactionalSends;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One open connection, as the route's handler sees it ({@link CandySocket}) and as the registry
 * sees it ({@link RoomMember}). The container adapter feeds it inbound events; it never reaches
 * back into the container except through its {@link Transport}.
 */
public final class Connection implements CandySocket, RoomMember {

  private static final Logger LOG = Logger.getLogger(Connection.class.getName());

  private static final CloseStatus TOO_BIG =
      new CloseStatus(CloseStatus.TOO_BIG, "Payload too large");
  private static final CloseStatus RATE_LIMITED =
      new CloseStatus(CloseStatus.POLICY_VIOLATION, "Rate limit exceeded");
  private static final CloseStatus TOO_MUCH_BEFORE_OPEN =
      new CloseStatus(CloseStatus.TRY_AGAIN_LATER, "Too much sent before open");
  private static final CloseStatus OPEN_TIMED_OUT =
      new CloseStatus(CloseStatus.INTERNAL_ERROR, "Route handler timed out");
  private static final CloseStatus NO_PONG =
      new CloseStatus(CloseStatus.ABNORMAL, "No answer to ping");

  private static final VarHandle AWAITING_PONG;
  private static final VarHandle IDLE_SWEEPS;

  static {
    try {
      AWAITING_PONG =
          MethodHandles.lookup().findVarHandle(Connection.class, "awaitingPong", boolean.class);
      IDLE_SWEEPS = MethodHandles.lookup().findVarHandle(Connection.class, "idleSweeps", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final String id;
  private final String route;
  private final String user; // null when anonymous
  private final RoomRegistry registry;
  private final TransactionalSends sends;
  private final Fanout fanout;
  private final JsonCodec codec;
  private final Executor closer;
  private final OutboundQueue outbound;
  private final MessageAssembler assembler;
  private final RateLimiter rateLimiter;
  private final InboundGate inbound;
  private final RouteMeter meter;
  private final Memberships memberships;
  private final CandyRuntime runtime;
  private final AtomicReference<ReadyState> state = new AtomicReference<>(ReadyState.CONNECTING);
  // Set by each heartbeat's ping, cleared by any pong; through AWAITING_PONG.
  private volatile boolean awaitingPong;
  // Sweeps of candy-ws's own idle timeout since the last frame in or out; through IDLE_SWEEPS.
  private volatile int idleSweeps;
  // The pending check of an asynchronous route handler's time, until it finishes.
  private volatile ScheduledFuture<?> openTimeout;
  // Made on first use: most connections never touch their data.
  private volatile Map<String, Object> data;
  // Made when the route first answers or asks; until then messages are never looked at for it.
  private volatile Requests requests;
  // Guards the lazy creation of the data map and the requests.
  private final Object lazy = new Object();

  private final Handlers<CandyMessage> messageHandlers = new Handlers<>();
  private final Handlers<byte[]> binaryHandlers = new Handlers<>();
  private final Handlers<CloseStatus> closeHandlers = new Handlers<>();
  private final Handlers<Throwable> errorHandlers = new Handlers<>();
  private final Handlers<byte[]> pongHandlers = new Handlers<>();
  private final Handlers<HistoryGap> gapHandlers = new Handlers<>();

  /**
   * Creates a connection in the {@link ReadyState#CONNECTING} state and adds it to the registry.
   *
   * @param id the connection's unique id
   * @param route the route's template, for logs
   * @param transport the container's side of the connection
   * @param runtime the application's registry, codec and executor
   * @param limits the limits of this connection
   */
  public Connection(
      String id, String route, Transport transport, CandyRuntime runtime, ConnectionLimits limits) {
    this(id, route, null, transport, runtime, limits);
  }

  /**
   * Creates a connection of an authenticated user in the {@link ReadyState#CONNECTING} state and
   * adds it to the registry, under the user's name.
   *
   * @param id the connection's unique id
   * @param route the route's template, for logs
   * @param user the name of the user the handshake authenticated, {@code null} when anonymous
   * @param transport the container's side of the connection
   * @param runtime the application's registry, codec and executor
   * @param limits the limits of this connection
   */
  public Connection(
      String id,
      String route,
      String user,
      Transport transport,
      CandyRuntime runtime,
      ConnectionLimits limits) {
    this.id = id;
    this.route = route;
    this.user = user;
    this.registry = runtime.registry();
    this.sends = runtime.sends();
    this.fanout = runtime.fanout();
    this.codec = runtime.codec();
    this.closer = runtime.executor();
    this.outbound =
        new OutboundQueue(
            transport, limits.maxBacklogBytes(), limits.maxBacklogMessages(), this::overflowed);
    this.inbound = new InboundGate(limits.maxBacklogBytes(), limits.maxBacklogMessages());
    this.assembler = new MessageAssembler(limits.maxMessageSize());
    this.rateLimiter = limits.rateLimiter();
    RouteWatch watch = runtime.observatory().route(route);
    this.meter = watch.meter();
    this.memberships =
        new Memberships(this, registry, watch, limits.maxRoomName(), limits.maxRooms());
    this.runtime = runtime;
    registry.add(this);
  }

  // ---- CandySocket -------------------------------------------------------------------------

  @Override
  public String id() {
    return id;
  }

  @Override
  public ReadyState state() {
    return state.get();
  }

  @Override
  public void send(Object message) {
    sendOwn(codec.encode(message));
  }

  @Override
  public void sendBinary(byte[] data) {
    sendOwn(codec.binary(data));
  }

  /** A send to this connection alone: at once, or once the caller's transaction commits. */
  private void sendOwn(OutboundMessage message) {
    HeldSends held = sends.current();
    if (held == null) {
      deliver(message);
    } else {
      held.add(() -> deliver(message));
    }
  }

  @Override
  public Registration onMessage(Consumer<CandyMessage> handler) {
    return messageHandlers.add(handler);
  }

  @Override
  public <T> Registration onMessage(Class<T> type, Consumer<? super T> handler) {
    if (type == null || handler == null) {
      throw new NullPointerException(type == null ? "type" : "handler");
    }
    return messageHandlers.add(message -> handler.accept(message.as(type)));
  }

  @Override
  public Registration onRequest(Function<CandyMessage, ?> handler) {
    return requests().onRequest(handler);
  }

  @Override
  public CompletionStage<CandyMessage> request(Object data, Duration timeout) {
    return requests().request(data, timeout);
  }

  private Requests requests() {
    Requests current = requests;
    if (current == null) {
      synchronized (lazy) {
        current = requests;
        if (current == null) {
          current =
              new Requests(
                  runtime.requestSettings(),
                  codec,
                  runtime::timer,
                  closer,
                  this::deliver,
                  this::failed);
          requests = current;
        }
      }
      if (state() == ReadyState.CLOSED) {
        current.close(); // finish() may have run before it was there
      }
    }
    return current;
  }

  @Override
  public Registration onBinary(Consumer<byte[]> handler) {
    return binaryHandlers.add(handler);
  }

  @Override
  public Registration onClose(Consumer<CloseStatus> handler) {
    return closeHandlers.add(handler);
  }

  @Override
  public Registration onError(Consumer<Throwable> handler) {
    return errorHandlers.add(handler);
  }

  @Override
  public Registration onPong(Consumer<byte[]> handler) {
    return pongHandlers.add(handler);
  }

  @Override
  public void ping() {
    if (isSending()) {
      active();
      outbound.ping();
    }
  }

  @Override
  public void close() {
    close(CloseStatus.NORMAL, "");
  }

  @Override
  public void close(int code, String reason) {
    CloseCodes.requireSendable(code);
    ReadyState before = state.getAndUpdate(s -> s == ReadyState.CLOSED ? s : ReadyState.CLOSING);
    if (before == ReadyState.CONNECTING || before == ReadyState.OPEN) {
      outbound.close(code, CloseCodes.fitReason(reason));
    }
  }

  @Override
  public Map<String, Object> data() {
    Map<String, Object> current = data;
    if (current == null) {
      synchronized (lazy) {
        current = data;
        if (current == null) {
          current = new ConcurrentHashMap<>();
          data = current;
        }
      }
    }
    return current;
  }

  @Override
  public Set<String> rooms() {
    return memberships.rooms();
  }

  @Override
  public void join(String room) {
    requireRoom(room);
    memberships.checkName("room name", room);
    HistoryRooms history = fanout.history();
    if (history != null && history.keeps(room)) {
      history.following(room); // this node delivers the room's messages from its history
    }
    memberships.join(room);
  }

  @Override
  public void leave(String room) {
    memberships.leave(requireRoom(room));
  }

  @Override
  public void enter(String room, String user) {
    if (user == null) {
      throw new NullPointerException("user");
    }
    memberships.checkName("user id", user);
    join(room);
    fanout.presence().enter(room, user, this);
    if (!memberships.contains(room)) {
      fanout.presence().left(room, this); // it closed or left meanwhile
    }
  }

  @Override
  public Registration onPresence(String room, Consumer<PresenceChange> handler) {
    if (handler == null) {
      throw new NullPointerException("handler");
    }
    if (!memberships.contains(requireRoom(room))) {
      throw new IllegalArgumentException(
          "the socket follows the presence of rooms it is in; join or enter " + room + " first");
    }
    Registration registration = fanout.presence().follow(room, this, handler);
    if (!memberships.contains(room)) {
      registration.remove(); // it closed or left meanwhile: nothing would remove it later
    }
    return registration;
  }

  @Override
  public void join(String room, long since) {
    HistoryRooms history = fanout.history();
    if (history == null || !history.keeps(requireRoom(room)) || memberships.contains(room)) {
      join(room);
      return;
    }
    HistoryRooms.Recovery recovery = history.recover(room, this);
    try {
      join(room);
    } catch (RuntimeException e) {
      recovery.cancel();
      throw e;
    }
    recovery.replay(since, this::historyGap);
  }

  @Override
  public Registration onHistoryGap(Consumer<HistoryGap> handler) {
    return gapHandlers.add(handler);
  }

  private void historyGap(HistoryGap gap) {
    if (gapHandlers.isEmpty()) {
      Map<String, Object> reset = new LinkedHashMap<>();
      reset.put("type", "reset");
      reset.put("roomId", gap.room());
      reset.put("since", gap.since());
      reset.put("oldest", gap.oldest());
      send(reset);
    } else {
      gapHandlers.fire(gap, this::failed);
    }
  }

  @Override
  public CandyRoom to(String room) {
    return new LocalRoom(requireRoom(room), registry, fanout, codec);
  }

  @Override
  public void broadcast(Object message) {
    fanout.broadcast(codec.encode(message), this); // skips this socket on this node only
  }

  /**
   * The template of the route this connection came in on.
   *
   * @return the template, such as {@code /room/{roomId}}
   */
  public String route() {
    return route;
  }

  /**
   * How many bytes wait to be sent to the peer, the message in flight and the cost per message
   * included: a peer that reads slowly has a growing backlog.
   *
   * @return the backlog in bytes
   */
  public long backlogBytes() {
    return outbound.backlogBytes();
  }

  // ---- RoomMember -------------------------------------------------------------------------

  @Override
  public void deliver(OutboundMessage message) {
    RouteMeter counted = queue(message);
    if (counted != null) {
      counted.sent(message.size());
    }
  }

  @Override
  public RouteMeter queue(OutboundMessage message) {
    if (!isSending()) {
      return null;
    }
    active();
    outbound.send(message);
    return meter;
  }

  @Override
  public String user() {
    return user;
  }

  @Override
  public CandySocket socket() {
    return this;
  }

  // ---- events from the container ---------------------------------------------------------

  /**
   * The route's handler has finished: deliver the messages held so far, then the rest as they come.
   */
  public void opened() {
    if (state.compareAndSet(ReadyState.CONNECTING, ReadyState.OPEN)) {
      memberships.announceOpened();
    }
    cancelOpenTimeout();
    inbound.open();
  }

  /**
   * The route's handler returned a stage that has not completed yet: close the connection with 1011
   * unless it completes in time. Does nothing when it has completed already.
   *
   * @param timeoutMillis how long it may take; 0 for no limit
   * @param timer the application's timer, which runs the check
   */
  public void limitOpening(long timeoutMillis, Supplier<ScheduledExecutorService> timer) {
    if (timeoutMillis <= 0 || state() != ReadyState.CONNECTING) {
      return;
    }
    try {
      openTimeout =
          timer
              .get()
              .schedule(
                  () -> closer.execute(this::openTimedOut), timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopping) {
      return; // the application is stopping; its connections close anyway
    }
    if (state() != ReadyState.CONNECTING) {
      cancelOpenTimeout(); // opened() ran before the task was stored
    }
  }

  private void openTimedOut() {
    openTimeout = null;
    if (state.compareAndSet(ReadyState.CONNECTING, ReadyState.CLOSING)) {
      LOG.warning(
          () ->
              "candy-ws: the handler of route "
                  + route
                  + " did not finish in time; closing connection "
                  + id);
      inbound.discard();
      outbound.close(OPEN_TIMED_OUT.code(), OPEN_TIMED_OUT.reason());
    }
  }

  private void cancelOpenTimeout() {
    ScheduledFuture<?> pending = openTimeout;
    if (pending != null) {
      openTimeout = null;
      pending.cancel(false);
    }
  }

  /**
   * One beat of the heartbeat: pings the peer, unless the ping of the previous beat is still
   * unanswered.
   *
   * @return {@code true} when the peer has not answered the previous ping: the connection should be
   *     {@linkplain #end() ended}
   */
  boolean heartbeat() {
    if ((boolean) AWAITING_PONG.getAndSet(this, true)) {
      return true;
    }
    if (isSending()) {
      active();
      outbound.heartbeat();
    }
    return false;
  }

  /**
   * Ends the connection at once, because its peer stopped answering: it leaves its rooms, the close
   * handlers run with 1006, and the TCP connection is closed without waiting for a close handshake
   * that the peer would never finish.
   */
  void end() {
    if (finish(NO_PONG)) {
      LOG.fine(() -> "candy-ws: ending " + id + " on " + route + ": " + NO_PONG.reason());
      fireClosed(NO_PONG);
      outbound.end();
    }
  }

  /**
   * A frame went out or came in: the connection is not idle. Written only when a sweep has counted
   * it idle, so that the sends of a busy connection only read it.
   */
  private void active() {
    if (idleSweeps != 0) {
      idleSweeps = 0;
    }
  }

  /**
   * One sweep of candy-ws's idle timeout: counts one more sweep without a frame in or out.
   *
   * @param limit how many sweeps in a row without one make the connection idle
   * @return whether it has just become idle (true at one sweep only); a frame that comes or goes
   *     during the sweep keeps it alive
   */
  boolean idleSweep(int limit) {
    int seen = idleSweeps;
    return IDLE_SWEEPS.compareAndSet(this, seen, seen + 1) && seen + 1 == limit;
  }

  /**
   * Closes the connection for having been idle, behind what it has queued: the close handlers see
   * {@code status} once the container reports the close.
   *
   * @param status the close code and reason; the transport decides what the peer is sent for a code
   *     that a close frame may not carry
   */
  void idleTimedOut(CloseStatus status) {
    ReadyState before = state.getAndUpdate(s -> s == ReadyState.CLOSED ? s : ReadyState.CLOSING);
    if (before == ReadyState.CONNECTING || before == ReadyState.OPEN) {
      LOG.fine(() -> "candy-ws: closing " + this + ": " + status.reason());
      outbound.close(status.code(), status.reason());
    }
  }

  /**
   * A fragment of a text message arrived: enforce the size and rate limits, and deliver the message
   * once whole.
   *
   * @param part the fragment
   * @param last whether it ends the message
   */
  public void receivedText(String part, boolean last) {
    active();
    if (isReceiving()) {
      switch (assembler.text(part, last)) {
        case COMPLETE -> {
          String whole = assembler.takeText();
          if (withinRate()) {
            deliverText(whole, assembler.completedSize());
          }
        }
        case TOO_BIG -> violated(TOO_BIG);
        case PARTIAL -> {}
      }
    }
  }

  /**
   * A fragment of a binary message arrived: enforce the size and rate limits, and deliver the
   * message once whole.
   *
   * @param part the fragment
   * @param last whether it ends the message
   */
  public void receivedBinary(ByteBuffer part, boolean last) {
    active();
    if (isReceiving()) {
      switch (assembler.binary(part, last)) {
        case COMPLETE -> {
          byte[] whole = assembler.takeBinary();
          if (withinRate()) {
            receivedBinary(whole);
          }
        }
        case TOO_BIG -> violated(TOO_BIG);
        case PARTIAL -> {}
      }
    }
  }

  /**
   * A whole text message arrived, within the limits.
   *
   * @param text the whole message
   */
  public void receivedText(String text) {
    deliverText(text, MessageAssembler.utf8Length(text));
  }

  private void deliverText(String text, long bytes) {
    meter.received(bytes);
    hold(
        () -> {
          Requests current = requests;
          if (current == null || !current.take(text)) {
            messageHandlers.fire(codec.decode(text), this::failed);
          }
        },
        bytes);
  }

  /**
   * A binary message arrived.
   *
   * @param bytes the whole message
   */
  public void receivedBinary(byte[] bytes) {
    meter.received(bytes.length);
    hold(() -> binaryHandlers.fire(bytes, this::failed), bytes.length);
  }

  /**
   * A pong arrived: whatever its payload, the peer has answered the heartbeat. It counts toward the
   * rate limit like a message, solicited or not, so that a flood of pongs is closed like a flood of
   * messages. The answers to candy-ws's own pings confirm what the peer has read, and go no
   * further.
   *
   * @param payload the pong's application data
   */
  public void receivedPong(byte[] payload) {
    awaitingPong = false;
    active();
    if (!isReceiving() || !withinRate()) {
      return;
    }
    long confirmed = Heartbeat.confirmed(payload);
    if (confirmed >= 0) {
      outbound.confirm(confirmed);
    } else {
      hold(() -> pongHandlers.fire(payload, this::failed), payload.length);
    }
  }

  /** Delivers an event, held while the route's handler runs and within the backlog's limits. */
  private void hold(Runnable event, long bytes) {
    if (!inbound.accept(event, bytes)) {
      inbound.discard();
      violated(TOO_MUCH_BEFORE_OPEN);
    }
  }

  /**
   * The container reported an error, or a handler threw: hand it to the error handlers, or log it.
   *
   * @param error the error
   */
  public void failed(Throwable error) {
    if (errorHandlers.isEmpty()) {
      LOG.log(Level.WARNING, "Unhandled error on connection " + id + " of route " + route, error);
      return;
    }
    errorHandlers.fire(
        error,
        fromHandler ->
            LOG.log(
                Level.WARNING,
                "Error handler failed on connection " + id + " of route " + route,
                fromHandler));
  }

  /**
   * The connection has closed, however it closed: leave every room, forget the connection, run the
   * close handlers once.
   *
   * @param status the close code and reason
   */
  public void closed(CloseStatus status) {
    if (finish(status)) {
      fireClosed(status);
    }
  }

  /** Marks the connection closed, drops what it queued and takes it out of the registry, once. */
  private boolean finish(CloseStatus status) {
    if (state.getAndSet(ReadyState.CLOSED) == ReadyState.CLOSED) {
      return false;
    }
    cancelOpenTimeout();
    outbound.discard();
    inbound.discard();
    Requests current = requests;
    if (current != null) {
      current.close();
    }
    memberships.end(status);
    return true;
  }

  private void fireClosed(CloseStatus status) {
    messageHandlers.finish();
    binaryHandlers.finish();
    pongHandlers.finish();
    gapHandlers.finish();
    // A close handler added from now on (an async handler that finishes after the client left)
    // runs at once with this status; other handlers added from now on are not kept.
    closeHandlers.finish(status, this::failed);
    errorHandlers.finish();
  }

  private boolean withinRate() {
    if (rateLimiter.allow(System.nanoTime())) {
      return true;
    }
    violated(RATE_LIMITED);
    return false;
  }

  private void violated(CloseStatus status) {
    LOG.fine(() -> "candy-ws: closing " + this + ": " + status.reason());
    close(status.code(), status.reason());
  }

  /** The client reads too slowly to take what is sent to it: give up on it at once. */
  private void overflowed() {
    ReadyState before = state.getAndUpdate(s -> s == ReadyState.CLOSED ? s : ReadyState.CLOSING);
    if (before == ReadyState.CONNECTING || before == ReadyState.OPEN) {
      LOG.info(() -> "candy-ws: closing " + this + ": its backlog is over the limit");
      memberships.detach(); // fan-out stops reaching it now
      outbound.abort(CloseStatus.TRY_AGAIN_LATER, "Client too slow", closer);
    }
  }

  private boolean isReceiving() {
    ReadyState current = state.get();
    return current == ReadyState.OPEN || current == ReadyState.CONNECTING;
  }

  private boolean isSending() {
    ReadyState current = state.get();
    return current == ReadyState.OPEN || current == ReadyState.CONNECTING;
  }

  private static String requireRoom(String room) {
    if (room == null) {
      throw new NullPointerException("room");
    }
    return room;
  }

  @Override
  public String toString() {
    return "Connection[" + id + " on " + route + ", " + state() + "]";
  }
}
