// Types for candy-ws.js, the candy-ws browser client. The script defines the global `Candy.ws`.

declare namespace Candy {
  /** Like `WebSocket.readyState`: 0 connecting (or waiting to reconnect), 1 open, 2 closing, 3 closed for good. */
  type WsState = 0 | 1 | 2 | 3;

  interface WsOptions {
    /** Reconnect when the connection is lost. Default `true`. */
    autoReconnect?: boolean;
    /**
     * The first retry's delay in ms, default 3000. The n-th retry waits a random time between d/2 and
     * d, where d = reconnectDelay × 2^(n−1), at most 30 s.
     */
    reconnectDelay?: number;
    /**
     * Retries after a lost connection before giving up; the count starts again only after a connection
     * that stayed open 10 s. Default 10.
     */
    maxReconnectAttempts?: number;
    /** Messages kept while not connected, sent in order on open; beyond it `send` returns false. Default 100. */
    maxQueue?: number;
    /**
     * How fast the queue is sent on open: this many messages at once, then this many a second; messages
     * sent meanwhile wait behind it. Default 40, 80 % of the server's default rate limit, so that a
     * full queue arrives whole; 0 sends it all at once.
     */
    flushRate?: number;
    /**
     * Resume history rooms: a message that ends with its `"offset"` (a room with a history on the
     * server) is remembered, and a reconnect asks for what came after it (`?since=<offset>`), so the
     * server first sends what was missed. A `{"type":"reset",…}` message says when some was lost.
     * Default `true`.
     */
    resume?: boolean;
    /**
     * One connection for all tabs of this origin that use the same URL, through a SharedWorker (a plain
     * connection where there is none). The first tab's options make the connection. Default `false`.
     */
    shared?: boolean;
    /**
     * The CSRF token, sent as the subprotocol entry `candy-token-<token>` after `candy-ws`.
     * `true` (the default) reads `<meta name="candy-token" content="…">`, for URLs of the page's own
     * origin only, and sends nothing when the page has none; `false` never sends one; a string gives the
     * token itself; a function is called before every attempt, so a reconnect sends a fresh token.
     */
    token?: boolean | string | (() => string | null | undefined);
  }

  /**
   * Close codes after which the client gives up instead of reconnecting: the server refused this
   * client (4001 unauthorized or session ended, 4002 bad CSRF token, 4003 forbidden) or what it sent
   * (1008 policy, 1009 too big), so retrying would send the same again. Java's
   * `CloseStatus.CLIENT_GIVES_UP`; a build test keeps the two equal.
   */
  type GiveUpCode = 1008 | 1009 | 4001 | 4002 | 4003;

  /**
   * Close codes after which the client reconnects with back-off (as after any code not in
   * `GiveUpCode`): going away, lost, server error, restarting, try again later. Java's
   * `CloseStatus.CLIENT_RETRIES`.
   */
  type RetryCode = 1001 | 1006 | 1011 | 1012 | 1013;

  interface WsCloseInfo {
    code: number;
    reason: string;
    wasClean: boolean;
    /** Whether the client will try to connect again. */
    reconnecting: boolean;
    /**
     * Whether the client stopped because connecting again cannot help: the code is a `GiveUpCode`,
     * or the URL or token was malformed. False when it retries, was closed by `close()`, or ran out
     * of attempts.
     */
    giveUp: boolean;
  }

  interface WsEvents<T> {
    /** The connection is open (again); messages queued meanwhile are being sent first (see `flushRate`). */
    open: () => void;
    /** A message: text frames parsed as JSON when they are JSON, else the string; binary frames as ArrayBuffer. */
    message: (data: T) => void;
    /** The connection closed or an attempt failed. */
    close: (info: WsCloseInfo) => void;
    /** A connection error; a `close` follows. */
    error: (message: string) => void;
  }

  interface Ws<T = any> {
    /** The ws:// or wss:// URL this client connects to. */
    readonly url: string;
    readonly state: WsState;
    /** `state === 1`. */
    readonly connected: boolean;
    /** Whether this tab uses a connection shared through a SharedWorker. */
    readonly shared: boolean;
    on<K extends keyof WsEvents<T>>(event: K, handler: WsEvents<T>[K]): this;
    /** Removes one handler, or every handler of the event. */
    off<K extends keyof WsEvents<T>>(event: K, handler?: WsEvents<T>[K]): this;
    /**
     * Objects go as JSON, strings as-is, ArrayBuffer / typed arrays / Blob as binary. Queued while not
     * connected. Returns false when the message was dropped (closed for good, or the queue is full).
     */
    send(data: unknown): boolean;
    /**
     * Asks the route (its `ws.onRequest` handler) and resolves with its reply. Sent as
     * `{"candy:request":id,"data":…}` and queued like `send` while not connected. Rejects with an Error:
     * the server's error (`Request handler failed`, `Request timed out`, `Too many pending requests`),
     * `Request timed out` when no reply came within `timeout` ms (default 30000), `Connection closed`
     * when the connection it went out on closed, `Not sent` when `send` would have returned false.
     */
    request<R = any>(data: unknown, options?: {timeout?: number}): Promise<R>;
    /**
     * Answers the route's `ws.request(data, timeout)`: the handler's value (or its promise's) is the
     * reply, and a throw or rejection is an error reply with its message. One handler at a time; `null`
     * removes it. Without one, the route's requests arrive as ordinary messages.
     */
    onRequest(handler: ((data: any) => unknown) | null): this;
    /**
     * Closes and stops reconnecting. Shared: this tab leaves; the connection closes with the last tab.
     */
    close(code?: number, reason?: string): void;
  }

  /**
   * Connects to a candy-ws route. A path is relative to the application's context root, like the
   * route's template (`'/room/lobby/user/ann'`); a ws://, wss://, http:// or https:// URL is used as it is.
   */
  function ws<T = any>(path: string, options?: WsOptions): Ws<T>;

  namespace ws {
    /** The client's close table: the codes it gives up on, and those it retries after. */
    const closeCodes: {readonly giveUp: readonly GiveUpCode[]; readonly retry: readonly RetryCode[]};
  }
}
