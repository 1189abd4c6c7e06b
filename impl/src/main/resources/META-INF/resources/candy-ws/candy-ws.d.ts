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

  interface WsCloseInfo {
    code: number;
    reason: string;
    wasClean: boolean;
    /** Whether the client will try to connect again. */
    reconnecting: boolean;
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
     * Closes and stops reconnecting. Shared: this tab leaves; the connection closes with the last tab.
     */
    close(code?: number, reason?: string): void;
  }

  /**
   * Connects to a candy-ws route. A path is relative to the application's context root, like the
   * route's template (`'/room/lobby/user/ann'`); a ws://, wss://, http:// or https:// URL is used as it is.
   */
  function ws<T = any>(path: string, options?: WsOptions): Ws<T>;
}
