// The client's own logic (paths, sending, parsing, queue, backoff, tokens), run in a Node VM with a
// scripted WebSocket and timers so that every reconnect delay can be checked. The shared worker,
// real sockets and real timing are covered by browser.test.mjs in Chromium.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {gzipSync} from 'node:zlib';
import vm from 'node:vm';

const source = readFileSync(
  new URL('../../impl/src/main/resources/META-INF/resources/candy-ws/candy-ws.js', import.meta.url), 'utf8');

/**
 * Loads candy-ws.js as a page at http://example.test/app/ would, with scripted sockets, timers and
 * clock (`tick(ms)` moves it).
 */
function page({meta = null, random = 0.5} = {}) {
  const sockets = [];
  const timers = [];
  let now = 1_000_000;
  class ScriptedSocket {
    constructor(url, protocols) {
      // As browsers do: a subprotocol must be an HTTP token.
      if (protocols.some(p => !/^[!#$%&'*+.^_`|~\w-]+$/.test(p))) throw new SyntaxError(`bad subprotocol`);
      this.url = url;
      this.protocols = protocols;
      this.readyState = 0;
      this.sent = [];
      sockets.push(this);
    }
    send(data) {
      assert.equal(this.readyState, 1, 'send only on an open socket');
      this.sent.push(data);
    }
    close(code, reason) {
      this.readyState = 2;
      this.closedWith = [code, reason];
    }
    accept() {
      this.readyState = 1;
      this.onopen({});
    }
    receive(data) {
      this.onmessage({data});
    }
    drop(code = 1006, reason = '') {
      this.readyState = 3;
      this.onclose({code, reason, wasClean: code !== 1006});
    }
  }
  const global = {
    WebSocket: ScriptedSocket,
    URL,
    ArrayBuffer,
    Blob,
    JSON,
    Math: Object.create(Math, {random: {value: () => random}}),
    Date: {now: () => now},
    setTimeout: (fn, ms) => timers.push({fn, ms, cleared: false}),
    clearTimeout: id => { if (timers[id - 1]) timers[id - 1].cleared = true; },
    location: {href: 'http://example.test/app/some/page.html'},
    document: {
      currentScript: {src: 'http://example.test/app/candy-ws/candy-ws.js'},
      querySelector: selector => (selector === 'meta[name="candy-token"]' && meta ? {content: meta} : null),
    },
  };
  global.self = global;
  vm.createContext(global);
  vm.runInContext(source, global);
  // The client's timers: `open` for a reconnect, `flush` to send more of the queue.
  const pending = name => timers.filter(t => t.fn.name === name && !t.cleared);
  const reconnects = () => pending('open');
  return {
    Candy: global.Candy,
    sockets,
    timers: () => timers,
    last: () => sockets[sockets.length - 1],
    reconnects,
    /** Runs the pending reconnect timer, as the browser would after its delay. */
    fireReconnect() {
      const timer = reconnects().at(-1);
      timer.cleared = true;
      timer.fn();
      return timer.ms;
    },
    tick(ms) {
      now += ms;
    },
    /** Moves the clock to the pending flush timer and runs it; its delay, or null when none. */
    fireFlush() {
      const timer = pending('flush').at(-1);
      if (!timer) return null;
      timer.cleared = true;
      now += timer.ms;
      timer.fn();
      return timer.ms;
    },
  };
}

/** Records every event of a client as [type, data]. */
function record(ws) {
  const events = [];
  for (const type of ['open', 'message', 'close', 'error']) ws.on(type, data => events.push([type, data]));
  return events;
}

/** The page's objects and arrays as this realm's, for deepEqual. */
const plain = value => JSON.parse(JSON.stringify(value));

test('paths resolve against the context root the script was served from', () => {
  const {Candy} = page();
  assert.equal(Candy.ws('/chat').url, 'ws://example.test/app/chat');
  assert.equal(Candy.ws('room/tea%20room/user/ann').url, 'ws://example.test/app/room/tea%20room/user/ann');
  assert.equal(Candy.ws('/game?room=r1').url, 'ws://example.test/app/game?room=r1');
  assert.equal(Candy.ws('https://other.test/x').url, 'wss://other.test/x');
  assert.equal(Candy.ws('ws://other.test:81/y').url, 'ws://other.test:81/y');
});

test('objects go as JSON, strings and binary as they are', () => {
  const {Candy, last} = page();
  const ws = Candy.ws('/chat');
  last().accept();
  const bytes = new Uint8Array([1, 2, 3]);
  assert.equal(ws.send({text: 'hi', n: 1}), true);
  ws.send('plain words');
  ws.send([1, 2]);
  ws.send(bytes);
  assert.deepEqual(last().sent, ['{"text":"hi","n":1}', 'plain words', '[1,2]', bytes]);
});

test('messages are parsed as JSON when they are JSON', () => {
  const {Candy, last} = page();
  const ws = Candy.ws('/chat');
  const events = record(ws);
  last().accept();
  const buffer = new ArrayBuffer(2);
  last().receive('{"type":"welcome","message":"Connected!"}');
  last().receive('not json {');
  last().receive(buffer);
  assert.deepEqual(events.filter(([type]) => type === 'message').map(([, data]) => data),
    [{type: 'welcome', message: 'Connected!'}, 'not json {', buffer]);
});

test('state and connected follow the connection', () => {
  const {Candy, last} = page();
  const ws = Candy.ws('/chat');
  assert.deepEqual([ws.state, ws.connected, ws.shared], [0, false, false]);
  last().accept();
  assert.deepEqual([ws.state, ws.connected], [1, true]);
  ws.close();
  assert.deepEqual([ws.state, ws.connected], [2, false]);
  last().drop(1000);
  assert.deepEqual([ws.state, ws.connected], [3, false]);
});

test('off removes one handler or all; a failing handler does not starve the others', () => {
  const {Candy, last} = page();
  const ws = Candy.ws('/chat');
  const seen = [];
  const a = data => seen.push(['a', data]);
  const b = data => seen.push(['b', data]);
  ws.on('message', () => { throw new Error('handler bug'); }).on('message', a).on('message', b);
  last().accept();
  last().receive('1');
  ws.off('message', a);
  last().receive('2');
  ws.off('message');
  last().receive('3');
  assert.deepEqual(seen, [['a', 1], ['b', 1], ['b', 2]]);
});

test('messages sent before open are queued, then sent in order before open is announced', () => {
  const {Candy, last} = page();
  const ws = Candy.ws('/chat');
  ws.send({n: 1});
  ws.send('two');
  ws.on('open', () => {
    assert.deepEqual(last().sent, ['{"n":1}', 'two'], 'the queue is flushed first');
    ws.send({n: 3});
  });
  last().accept();
  assert.deepEqual(last().sent, ['{"n":1}', 'two', '{"n":3}']);
});

test('the queue is bounded: beyond maxQueue send returns false', () => {
  const {Candy, last} = page();
  const ws = Candy.ws('/chat', {maxQueue: 2});
  assert.deepEqual([ws.send('a'), ws.send('b'), ws.send('c')], [true, true, false]);
  last().accept();
  assert.deepEqual(last().sent, ['a', 'b']);
});

test('a lost connection is retried with exponential backoff and jitter, capped at 30 s', () => {
  for (const [random, expected] of [
    [0, [1500, 3000, 6000, 12000, 15000, 15000]], // the lower bound: half of each delay
    [0.999, [2999, 5997, 11994, 23988, 29985, 29985]], // nearly the whole delay
  ]) {
    const {Candy, last, fireReconnect} = page({random});
    const ws = Candy.ws('/chat');
    const events = record(ws);
    last().accept();
    last().drop(1001, 'Server shutting down');
    assert.deepEqual(plain(events.at(-1)),
      ['close', {code: 1001, reason: 'Server shutting down', wasClean: true, reconnecting: true, giveUp: false}]);
    assert.equal(ws.state, 0, 'connecting again');
    const delays = [];
    for (let i = 0; i < expected.length; i++) {
      delays.push(Math.round(fireReconnect()));
      last().drop();
    }
    assert.deepEqual(delays, expected);
  }
});

test('retries stop after maxReconnectAttempts and count again after 10 s open', () => {
  const {Candy, last, reconnects, fireReconnect, sockets, tick} = page();
  const ws = Candy.ws('/chat', {maxReconnectAttempts: 2, reconnectDelay: 100});
  const events = record(ws);
  last().accept();
  last().drop();
  fireReconnect();
  last().accept();
  tick(10_000); // open for 10 s: it worked, the count starts again
  last().drop();
  fireReconnect();
  last().drop();
  fireReconnect();
  last().drop();
  assert.equal(reconnects().length, 0, 'no third retry');
  assert.equal(sockets.length, 4);
  assert.deepEqual(plain(events.at(-1)), ['close', {code: 1006, reason: '', wasClean: false, reconnecting: false, giveUp: false}]);
  assert.equal(ws.state, 3);
  assert.equal(ws.send('late'), false, 'closed for good: nothing is queued');
});

test('a server that accepts then closes at once is not retried for ever', () => {
  for (const code of [4000, 1011, 1013, 1006]) {
    const {Candy, last, reconnects, fireReconnect, sockets, tick} = page({random: 0});
    const ws = Candy.ws('/flaky');
    const events = record(ws);
    const delays = [];
    last().accept();
    tick(9_999); // open, but not for 10 s
    last().drop(code, 'closed right after opening');
    for (let i = 0; i < 20 && reconnects().length; i++) {
      delays.push(fireReconnect());
      last().accept();
      tick(50);
      last().drop(code, 'closed right after opening');
    }
    assert.equal(sockets.length, 11, `${code}: the first connection and 10 retries`);
    assert.deepEqual(delays, [1500, 3000, 6000, 12000, 15000, 15000, 15000, 15000, 15000, 15000],
      'the backoff keeps growing: the opens did not reset it');
    assert.equal(plain(events.at(-1))[1].reconnecting, false);
    assert.equal(ws.state, 3);
  }
});

test('a full queue is flushed 40 at once, then 40 a second, in order and whole', () => {
  const {Candy, last, fireFlush, tick} = page();
  const ws = Candy.ws('/chat');
  for (let i = 0; i < 100; i++) assert.equal(ws.send(`q${i}`), true);
  assert.equal(ws.send('q100'), false, 'the queue holds maxQueue');
  let openSent;
  ws.on('open', () => {
    openSent = last().sent.length;
    ws.send('from open'); // waits behind the queue
  });
  last().accept();
  assert.equal(openSent, 40, 'open is announced after the first 40');
  assert.equal(last().sent.length, 40);
  const delays = [];
  for (let ms; (ms = fireFlush()) !== null;) delays.push(Math.round(ms));
  assert.deepEqual(delays, Array(61).fill(25), 'one every 25 ms');
  assert.deepEqual(last().sent, [...Array(100).keys()].map(i => `q${i}`).concat('from open'));
  tick(1);
  ws.send('direct');
  assert.equal(last().sent.at(-1), 'direct', 'an empty queue: sent at once');
});

test('the flush never goes over 40 at once, nor 40 a second, whatever the timers do', () => {
  const {Candy, last, tick, fireFlush} = page();
  const ws = Candy.ws('/chat');
  for (let i = 0; i < 100; i++) ws.send(i);
  last().accept();
  tick(500); // a throttled timer: fires late, sends what the clock earned
  fireFlush();
  assert.equal(last().sent.length, 40 + 20 + 1);
  tick(10_000);
  fireFlush();
  assert.equal(last().sent.length, 40 + 20 + 1 + 39, 'never more than 40 at once');
});

test('a connection lost during the flush keeps the rest for the next one; flushRate 0 sends all', () => {
  const paced = page();
  const ws = paced.Candy.ws('/chat', {reconnectDelay: 100});
  for (let i = 0; i < 60; i++) ws.send(i);
  paced.last().accept();
  paced.last().drop();
  assert.equal(paced.fireFlush(), null, 'no flush while closed');
  paced.fireReconnect();
  paced.last().accept();
  assert.deepEqual(plain(paced.last().sent), [...Array(20).keys()].map(i => String(i + 40)));

  const all = page();
  const burst = all.Candy.ws('/chat', {flushRate: 0});
  for (let i = 0; i < 100; i++) burst.send(i);
  all.last().accept();
  assert.equal(all.last().sent.length, 100);
});

test('close() stops reconnecting, whether open or waiting to retry', () => {
  const open = page();
  const ws = open.Candy.ws('/chat');
  open.last().accept();
  ws.send('queued? no: sent');
  ws.close(4000, 'bye');
  assert.deepEqual(open.last().closedWith, [4000, 'bye']);
  open.last().drop(4000, 'bye');
  assert.equal(open.reconnects().length, 0);

  const waiting = page();
  const ws2 = waiting.Candy.ws('/chat');
  const events = record(ws2);
  waiting.last().drop();
  assert.equal(waiting.reconnects().length, 1);
  ws2.close();
  assert.equal(waiting.reconnects().length, 0, 'the pending retry is cancelled');
  assert.deepEqual(plain(events.at(-1)), ['close', {code: 1000, reason: '', wasClean: true, reconnecting: false, giveUp: false}]);
  assert.equal(ws2.state, 3);
});

test('the close table: give up on 1008, 1009 and 4001-4003, retry on 1001, 1006, 1011-1013 and the rest', () => {
  const {Candy} = page();
  assert.deepEqual(plain(Candy.ws.closeCodes), {giveUp: [1008, 1009, 4001, 4002, 4003], retry: [1001, 1006, 1011, 1012, 1013]});
  for (const code of [1008, 1009, 4001, 4002, 4003]) {
    const refused = page();
    const events = record(refused.Candy.ws('/board'));
    refused.last().accept();
    refused.last().drop(code, code === 4001 ? 'Session ended' : 'no');
    assert.equal(refused.reconnects().length, 0, `no retry after ${code}`);
    assert.equal(plain(events.at(-1))[1].giveUp, true, `${code}: the close event says it gave up`);
    assert.equal(plain(events.at(-1))[1].reconnecting, false);
  }
  for (const code of [1001, 1006, 1011, 1012, 1013, 1000, 4000]) {
    const lost = page();
    const events = record(lost.Candy.ws('/board'));
    lost.last().drop(code, '');
    assert.equal(lost.reconnects().length, 1, `a retry after ${code}`);
    assert.deepEqual([plain(events.at(-1))[1].giveUp, plain(events.at(-1))[1].reconnecting], [false, true], `${code}`);
  }
});

test('no retry when autoReconnect is off, or the server refused the client (4001-4003)', () => {
  const off = page();
  off.Candy.ws('/chat', {autoReconnect: false});
  off.last().drop();
  assert.equal(off.reconnects().length, 0);
  for (const code of [4001, 4002, 4003]) {
    const refused = page();
    refused.Candy.ws('/secure');
    refused.last().drop(code, 'no');
    assert.equal(refused.reconnects().length, 0, `no retry after ${code}`);
  }
  const other = page();
  other.Candy.ws('/chat');
  other.last().drop(4000, 'guard failed');
  assert.equal(other.reconnects().length, 1, 'other codes are retried');
});

test('the CSRF token goes as a candy-token entry after the plain candy-ws protocol', () => {
  const none = page();
  none.Candy.ws('/chat');
  assert.deepEqual(plain(none.last().protocols), [], 'no token on the page: no subprotocol');

  const meta = page({meta: 'abc123'});
  meta.Candy.ws('/chat');
  assert.deepEqual(plain(meta.last().protocols), ['candy-ws', 'candy-token-abc123'], 'read from <meta name="candy-token">');
  meta.Candy.ws('/chat', {token: false});
  assert.deepEqual(plain(meta.last().protocols), [], 'token: false sends none');
  meta.Candy.ws('/chat', {token: 'given'});
  assert.deepEqual(plain(meta.last().protocols), ['candy-ws', 'candy-token-given']);
  meta.Candy.ws('/chat', {token: () => 'fromFn'});
  assert.deepEqual(plain(meta.last().protocols), ['candy-ws', 'candy-token-fromFn']);
});

test('a token function is called again for every attempt', () => {
  const {Candy, last, fireReconnect} = page();
  let issued = 0;
  Candy.ws('/chat', {token: () => `t${++issued}`, reconnectDelay: 100});
  assert.deepEqual(plain(last().protocols), ['candy-ws', 'candy-token-t1']);
  last().accept();
  last().drop(1001);
  fireReconnect();
  assert.deepEqual(plain(last().protocols), ['candy-ws', 'candy-token-t2'], 'a fresh token on reconnect');
  last().drop();
  fireReconnect();
  assert.deepEqual(plain(last().protocols), ['candy-ws', 'candy-token-t3']);
});

test("the page's token goes to the page's own origin only; a given token goes where it is sent", () => {
  const {Candy, last} = page({meta: 'abc123'});
  for (const own of ['/chat', 'http://example.test/other', 'ws://example.test/x']) {
    Candy.ws(own);
    assert.deepEqual(plain(last().protocols), ['candy-ws', 'candy-token-abc123'], own);
  }
  for (const foreign of ['wss://example.test/x', 'ws://example.test:8080/x', 'ws://evil.test/app/chat',
    'https://example.test.evil.test/']) {
    Candy.ws(foreign);
    assert.deepEqual(plain(last().protocols), [], `${foreign}: not the page's origin`);
  }
  Candy.ws('ws://api.test/chat', {token: 'given'});
  assert.deepEqual(plain(last().protocols), ['candy-ws', 'candy-token-given']);
  Candy.ws('ws://api.test/chat', {token: () => 'fromFn'});
  assert.deepEqual(plain(last().protocols), ['candy-ws', 'candy-token-fromFn']);
});

test('a token the browser rejects ends in error and close, without retries', () => {
  const {Candy, reconnects} = page();
  const ws = Candy.ws('/chat', {token: 'not a token'}); // a space: the browser throws SyntaxError
  assert.equal(ws.state, 3);
  assert.equal(reconnects().length, 0);
  const events = record(Candy.ws('/chat', {token: 'still not'}));
  assert.deepEqual(events, [], 'the events came before any handler could be added');
});

/** The pending timer of this delay, run as the browser would after it. */
function fireTimer(timers, ms) {
  const timer = timers().find(t => t.ms === ms && !t.cleared);
  assert.ok(timer, `a pending ${ms} ms timer`);
  timer.cleared = true;
  timer.fn();
}

const settled = () => new Promise(ok => setImmediate(ok));

test('request sends an envelope and resolves with the reply, which is no message', async () => {
  const {Candy, last} = page();
  const ws = Candy.ws('/rpc');
  const events = record(ws);
  last().accept();
  const sum = ws.request({op: 'add', a: 1, b: 2});
  const sent = JSON.parse(last().sent[0]);
  assert.match(last().sent[0], /^\{"candy:request":"[a-z0-9]+1","data":\{"op":"add","a":1,"b":2\}\}$/);
  last().receive(`{"candy:reply":${JSON.stringify(sent['candy:request'])},"data":3}`);
  assert.equal(await sum, 3);
  last().receive('{"candy:reply":"someone else","data":4}'); // another tab's, or too late
  last().receive('{"type":"chat","candy:reply":1}'); // an ordinary message
  assert.deepEqual(plain(events), [['open', null], ['message', {type: 'chat', 'candy:reply': 1}]]);
});

test('a request is rejected by an error reply, its timeout, or a close', async () => {
  const {Candy, last, timers} = page();
  const ws = Candy.ws('/rpc');
  last().accept();
  const failing = ws.request('x');
  last().receive(`{"candy:reply":${JSON.stringify(JSON.parse(last().sent[0])['candy:request'])},"error":"Request handler failed"}`);
  await assert.rejects(failing, {message: 'Request handler failed'});
  const slow = ws.request('y', {timeout: 500});
  fireTimer(timers, 500);
  await assert.rejects(slow, {message: 'Request timed out'});
  const cut = ws.request('z');
  last().drop();
  await assert.rejects(cut, {message: 'Connection closed'});
  assert.equal(timers().filter(t => t.ms === 30000 && !t.cleared).length, 0, 'timeouts cleared');
});

test('a request made while connecting waits for the open; a full queue rejects at once', async () => {
  const {Candy, last, fireReconnect} = page();
  const ws = Candy.ws('/rpc', {maxQueue: 1});
  const early = ws.request(1);
  await assert.rejects(ws.request(2), {message: 'Not sent'});
  last().drop(); // a failed attempt: nothing was sent on it
  fireReconnect();
  last().accept();
  const id = JSON.parse(last().sent[0])['candy:request'];
  last().receive(`{"candy:reply":${JSON.stringify(id)},"data":"one"}`);
  assert.equal(await early, 'one');
  ws.close();
  await assert.rejects(ws.request(3), {message: 'Not sent'});
});

test('onRequest answers the server; without it requests are ordinary messages', async () => {
  const {Candy, last} = page();
  const ws = Candy.ws('/rpc');
  const events = record(ws);
  last().accept();
  last().receive('{"candy:request":1,"data":"name?"}');
  ws.onRequest(question => `ann, to ${question}`);
  last().receive('{"candy:request":2,"data":"name?"}');
  ws.onRequest(async () => { throw new Error('no idea'); });
  last().receive('{"candy:request":3,"data":null}');
  ws.onRequest(() => undefined);
  last().receive('{"candy:request":"s","data":null}');
  await settled();
  // Each reply goes when its answer is ready, whatever the order.
  assert.deepEqual([...last().sent].sort(), [
    '{"candy:reply":"s","data":null}',
    '{"candy:reply":2,"data":"ann, to name?"}',
    '{"candy:reply":3,"error":"no idea"}',
  ]);
  ws.onRequest(null);
  last().receive('{"candy:request":4,"data":1}');
  assert.deepEqual(plain(events).slice(1), [
    ['message', {'candy:request': 1, data: 'name?'}],
    ['message', {'candy:request': 4, data: 1}],
  ]);
});

test('after a history message, a reconnect asks for what came after its offset', () => {
  const {Candy, last, fireReconnect} = page();
  const ws = Candy.ws('/feed/news?x=1#top');
  assert.equal(last().url, 'ws://example.test/app/feed/news?x=1#top', 'the first attempt as given');
  last().accept();
  last().receive('{"type":"message","text":"a","offset":7}');
  last().receive('{"type":"message","text":"b","offset":8}');
  last().receive('{"type":"notice","offset":"not a number"}');
  last().drop();
  fireReconnect();
  assert.equal(last().url, 'ws://example.test/app/feed/news?x=1&since=8#top');
  last().accept();
  last().receive('{"text":"c","offset":9}');
  last().drop();
  fireReconnect();
  assert.equal(last().url, 'ws://example.test/app/feed/news?x=1&since=9#top', 'replaced, not added');
  ws.close();
});

test('a path that starts with since is resumed in place; resume: false keeps the URL', () => {
  const {Candy, last, fireReconnect} = page();
  Candy.ws('/feed/news?since=3');
  last().accept();
  last().receive('{"text":"d","offset":4}');
  last().drop();
  fireReconnect();
  assert.equal(last().url, 'ws://example.test/app/feed/news?since=4');
  Candy.ws('/feed/plain', {resume: false});
  last().accept();
  last().receive('{"text":"e","offset":5}');
  last().drop();
  fireReconnect();
  assert.equal(last().url, 'ws://example.test/app/feed/plain');
  Candy.ws('/room');
  last().accept();
  last().receive('{"text":"no offset"}');
  last().drop();
  fireReconnect();
  assert.equal(last().url, 'ws://example.test/app/room', 'rooms without a history: as before');
});

test('the client stays small: at most 15 KB raw, 5 KB gzipped', t => {
  const raw = Buffer.byteLength(source);
  const gzipped = gzipSync(source, {level: 9}).length;
  t.diagnostic(`candy-ws.js: ${raw} bytes raw, ${gzipped} bytes gzipped`);
  assert.ok(raw <= 15_000, `${raw} bytes raw`);
  assert.ok(gzipped <= 5_000, `${gzipped} bytes gzipped`);
});

test('candy-ws.d.ts types what users write and rejects mistakes (tsc --strict)', () => {
  const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
  const project = fileURLToPath(new URL('../types/tsconfig.json', import.meta.url));
  const run = spawnSync(process.execPath, [tsc, '-p', project], {encoding: 'utf8'});
  assert.equal(run.status, 0, run.stdout + run.stderr);
});
