/*! candy-ws browser client: Candy.ws(path, options). No dependencies; types in candy-ws.d.ts. */
(function (global) {
  'use strict';

  var CONNECTING = 0, OPEN = 1, CLOSED = 3;
  var MAX_DELAY = 30000;
  // Open this long, a connection worked: the retry count starts again (not after any open).
  var STABLE = 10000;
  // The close table of CloseStatus (CLIENT_GIVES_UP, CLIENT_RETRIES; a build test compares them):
  // give up when retrying would send the same again; retry with back-off on these and the rest.
  var GIVE_UP = [1008, 1009, 4001, 4002, 4003], RETRY = [1001, 1006, 1011, 1012, 1013];

  /*
   * One reconnecting WebSocket. A page uses it directly; with `shared: true` the shared worker (this
   * same file, loaded as a SharedWorker) holds one for every tab. `protocols()` gives each attempt's
   * subprotocols. `emit(type, data, state)` reports 'open', 'message' (the raw frame), 'close' and
   * 'error'.
   */
  function Link(url, protocols, o, emit) {
    var link = this, ws = null, timer = null, attempts = 0, queue = [], stopped = false;
    var openedAt = 0, pacer = null, budget = 0, last = 0, since = -1;

    link.state = function () {
      return ws ? ws.readyState : stopped ? CLOSED : CONNECTING;
    };

    function open() {
      timer = null;
      try {
        var u = new URL(url);
        if (since >= 0) u.searchParams.set('since', since);
        ws = new WebSocket(u.href, protocols());
      } catch (e) {
        // A malformed URL or token: no attempt can succeed.
        stopped = true;
        ws = null;
        emit('error', String(e && e.message || e), CLOSED);
        emit('close', {code: 1006, reason: '', wasClean: false, reconnecting: false, giveUp: true}, CLOSED);
        return;
      }
      ws.binaryType = 'arraybuffer';
      ws.onopen = function () {
        last = openedAt = Date.now();
        budget = o.flushRate;
        // What was sent while connecting goes first, in order; then the app hears 'open'.
        flush();
        emit('open', undefined, OPEN);
      };
      ws.onmessage = function (event) {
        // A history room's message ends with its offset: reconnect after it.
        var offset = o.resume && typeof event.data === 'string' && /"offset":(\d+)\}$/.exec(event.data);
        if (offset) since = +offset[1];
        emit('message', event.data, OPEN);
      };
      ws.onerror = function () {
        emit('error', 'connection error', link.state());
      };
      ws.onclose = function (event) {
        ws = null;
        clearTimeout(pacer);
        if (openedAt && Date.now() - openedAt >= STABLE) attempts = 0;
        openedAt = 0;
        var giveUp = GIVE_UP.indexOf(event.code) >= 0;
        var again = !stopped && o.autoReconnect && attempts < o.maxReconnectAttempts && !giveUp;
        if (again) {
          // Exponential backoff with jitter: the n-th retry waits between d/2 and d, where
          // d = reconnectDelay * 2^(n-1), at most 30 s, so that clients of a restarted server
          // come back spread out rather than all at once.
          var d = Math.min(Math.max(MAX_DELAY, o.reconnectDelay), o.reconnectDelay * Math.pow(2, attempts++));
          timer = setTimeout(open, d / 2 + Math.random() * d / 2);
        } else {
          stopped = true;
          queue = [];
        }
        emit('close', {code: event.code, reason: event.reason, wasClean: event.wasClean, reconnecting: again,
          giveUp: giveUp}, link.state());
      };
    }

    // Sends the queue, flushRate at once then flushRate a second (earned by the clock: a throttled
    // timer sends more at once), within the server's rate limit (default 50 a second, 100 at once).
    function flush() {
      var now = Date.now(), rate = o.flushRate;
      budget = rate ? Math.min(rate, budget + (now - last) * rate / 1000) : Infinity;
      last = now;
      while (queue.length && budget >= 1 && link.state() === OPEN) {
        ws.send(queue.shift());
        budget--;
      }
      if (queue.length && link.state() === OPEN) pacer = setTimeout(flush, (1 - budget) * 1000 / rate);
    }

    /** Sends now when open and nothing waits, else queues (bounded), in order; false when dropped. */
    link.send = function (data) {
      if (link.state() === OPEN && !queue.length) {
        ws.send(data);
        return true;
      }
      if (stopped || queue.length >= o.maxQueue) return false;
      queue.push(data);
      return true;
    };

    /** Closes for good: no reconnect, the queue is dropped. */
    link.close = function (code, reason) {
      stopped = true;
      queue = [];
      clearTimeout(timer);
      clearTimeout(pacer);
      if (ws) {
        ws.close(code, reason);
      } else if (timer) {
        timer = null;
        emit('close', {code: 1000, reason: '', wasClean: true, reconnecting: false, giveUp: false}, CLOSED);
      }
    };

    open();
  }

  // Loaded as the shared worker: one Link for every tab (port) that asks for this worker's URL.
  if (typeof SharedWorkerGlobalScope === 'function' && global instanceof SharedWorkerGlobalScope) {
    var link = null, ports = [], protocols = [];
    var broadcast = function (type, data, state) {
      for (var i = 0; i < ports.length; i++) ports[i].postMessage({type: type, data: data, state: state});
    };
    global.onconnect = function (event) {
      var port = event.ports[0];
      var detach = function () {
        var i = ports.indexOf(port);
        if (i < 0) return;
        ports.splice(i, 1);
        port.close();
        if (!ports.length && link) {
          link.close(1000, '');
          link = null;
        }
      };
      port.onmessage = function (message) {
        var m = message.data;
        if (m.op === 'send') {
          if (link) link.send(m.data);
        } else if (m.op === 'close') {
          detach();
        } else if (m.op === 'token') {
          protocols = m.protocols; // a tab's fresh token, for the next attempt
        } else if (m.op === 'open') {
          ports.push(port);
          if (!link || link.state() === CLOSED) {
            protocols = m.protocols;
            // Only the current link speaks to the tabs; a replaced one may still report its close.
            var current = link = new Link(m.url, function () { return protocols; }, m.options, function (type, data, state) {
              if (link === current || !current) broadcast(type, data, state);
            });
          } else if (link.state() === OPEN) {
            port.postMessage({type: 'open', state: OPEN});
          }
        }
      };
      // Where the browser reports a closed tab's port (newer Chromium), forget it at once;
      // elsewhere its entry stays until the worker ends with the last tab.
      port.addEventListener('close', detach);
    };
    return;
  }

  var script = global.document && document.currentScript && document.currentScript.src;
  // The jar serves this file at <context root>/candy-ws/candy-ws.js: paths resolve against that root.
  var root = script ? new URL('..', script).href : global.location.href;

  function resolve(path) {
    var url = new URL(/^[a-z][a-z\d+.-]*:/i.test(path) ? path : path.replace(/^\//, ''), root);
    url.protocol = url.protocol.replace(/^http/, 'ws');
    return url.href;
  }

  // Called for every attempt, so that a token function can give a fresh token.
  function protocolsFor(token, url) {
    if (token === true) {
      // The page's token goes to the page's origin only.
      var meta = new URL(url.replace(/^ws/, 'http')).origin === new URL(global.location.href).origin &&
        document.querySelector('meta[name="candy-token"]');
      token = meta && meta.content;
    } else if (typeof token === 'function') {
      token = token();
    }
    // 'candy-ws' first: the server echoes the first entry that is not a token.
    return token ? ['candy-ws', 'candy-token-' + token] : [];
  }

  function isBinary(data) {
    return data instanceof ArrayBuffer || ArrayBuffer.isView(data) ||
      (typeof Blob === 'function' && data instanceof Blob);
  }

  function parse(data) {
    if (typeof data !== 'string') return data;
    try {
      return JSON.parse(data);
    } catch (e) {
      return data;
    }
  }

  // Request-reply envelopes (docs/api.md): texts that start exactly so.
  var REQ = '{"candy:request":', REP = '{"candy:reply":';

  function envelope(head, id, key, value) {
    return head + JSON.stringify(id) + ',"' + key + '":' + JSON.stringify(value === undefined ? null : value) + '}';
  }

  function CandyWs(path, options) {
    var self = this, o = options || {}, handlers = {}, state = CONNECTING, port = null, link = null;
    // Requests awaiting their reply, by id (unique across the tabs of a shared connection).
    var pending = {}, seq = 0, tag = Math.random().toString(36).slice(2, 8), answer = null;
    var url = resolve(path);
    var settings = {
      autoReconnect: o.autoReconnect !== false,
      reconnectDelay: o.reconnectDelay >= 0 ? o.reconnectDelay : 3000,
      maxReconnectAttempts: o.maxReconnectAttempts >= 0 ? o.maxReconnectAttempts : 10,
      maxQueue: o.maxQueue >= 0 ? o.maxQueue : 100,
      flushRate: o.flushRate >= 0 ? o.flushRate : 40,
      resume: o.resume !== false
    };
    var protocols = function () {
      return protocolsFor(o.token === undefined ? true : o.token, url);
    };

    function settle(id, error, value) {
      var p = pending[id];
      if (!p) return;
      delete pending[id];
      clearTimeout(p.t);
      if (error === undefined) p.ok(value); else p.no(new Error(error));
    }

    function emit(type, data, newState) {
      var was = state, raw = data;
      state = newState;
      if (type === 'message') {
        data = parse(data);
        if (typeof raw === 'string' && data && typeof data === 'object') {
          // A reply is never a message: one for another tab, or too late, is dropped.
          if (!raw.indexOf(REP)) return settle(data['candy:reply'], data.error, data.data);
          if (answer && !raw.indexOf(REQ)) {
            var id = data['candy:request'];
            return new Promise(function (ok) { ok(answer.call(self, data.data)); }).then(function (v) {
              self.send(envelope(REP, id, 'data', v));
            }, function (e) {
              self.send(envelope(REP, id, 'error', String(e && e.message || e)));
            });
          }
        }
      }
      // A reply comes on the connection its request went out on.
      if (type === 'close' && (was === OPEN || !data.reconnecting)) {
        for (var p in pending) settle(p, 'Connection closed');
      }
      var list = (handlers[type] || []).slice();
      for (var i = 0; i < list.length; i++) {
        try {
          list[i].call(self, data);
        } catch (e) {
          // One failing handler must not starve the others; the error still reaches the console.
          setTimeout(function () { throw e; });
        }
      }
    }

    function direct() {
      port = null;
      link = new Link(url, protocols, settings, emit);
    }

    if (o.shared && script && typeof SharedWorker === 'function') {
      try {
        var worker = new SharedWorker(script, {name: 'candy-ws ' + url});
        port = worker.port;
        port.onmessage = function (event) {
          var m = event.data;
          // The worker retries with the token the tabs give it: a fresh one before each retry.
          if (m.type === 'close' && m.data.reconnecting) {
            try {
              port.postMessage({op: 'token', protocols: protocols()});
            } catch (e) {
              setTimeout(function () { throw e; }); // the worker keeps the last token
            }
          }
          emit(m.type, m.data, m.state);
        };
        worker.onerror = direct; // the worker script could not run: connect from this page
        port.postMessage({op: 'open', url: url, protocols: protocols(), options: settings});
      } catch (e) {
        direct();
      }
    } else {
      direct();
    }

    self.url = url;

    self.on = function (event, fn) {
      (handlers[event] = handlers[event] || []).push(fn);
      return self;
    };

    self.off = function (event, fn) {
      var list = handlers[event] || [];
      if (!fn) list.length = 0;
      else if (list.indexOf(fn) >= 0) list.splice(list.indexOf(fn), 1);
      return self;
    };

    self.send = function (data) {
      if (typeof data !== 'string' && !isBinary(data)) data = JSON.stringify(data);
      if (!port) return !!link && link.send(data);
      if (state === CLOSED) return false;
      port.postMessage({op: 'send', data: data});
      return true;
    };

    self.request = function (data, opts) {
      var id = tag + ++seq, ms = opts && opts.timeout > 0 ? opts.timeout : 30000;
      return new Promise(function (ok, no) {
        var text = envelope(REQ, id, 'data', data);
        pending[id] = {ok: ok, no: no, t: setTimeout(function () { settle(id, 'Request timed out'); }, ms)};
        if (!self.send(text)) settle(id, 'Not sent');
      });
    };

    self.onRequest = function (fn) {
      answer = fn || null;
      return self;
    };

    self.close = function (code, reason) {
      if (!port) return link && link.close(code, reason);
      // Shared: this tab leaves; the connection closes when the last tab has left.
      port.postMessage({op: 'close'});
      port.onmessage = null;
      port = null;
      if (state !== CLOSED) emit('close', {code: 1000, reason: '', wasClean: true, reconnecting: false, giveUp: false}, CLOSED);
    };

    Object.defineProperties(self, {
      // Direct: the socket's own state; shared: the state the worker last reported.
      state: {get: function () { return link ? link.state() : state; }},
      connected: {get: function () { return self.state === OPEN; }},
      shared: {get: function () { return !!port; }}
    });
  }

  var Candy = global.Candy = global.Candy || {};
  Candy.ws = function (path, options) {
    return new CandyWs(path, options);
  };
  Candy.ws.closeCodes = {giveUp: GIVE_UP.slice(), retry: RETRY.slice()};
})(self);
