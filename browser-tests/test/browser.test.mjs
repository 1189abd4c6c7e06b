// The example chat page and the candy-ws browser client in headless Chromium, against the example
// WAR on Payara Micro. The tests start and stop the server themselves: one of them restarts it.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {createServer} from 'node:http';
import {Payara, freePort} from '../lib/payara.mjs';
import {launch} from '../lib/chromium.mjs';

const WAIT = 20_000; // for anything but a server restart
const RESTART_WAIT = 120_000; // Payara Micro starts in 15-25 s here, then the client's backoff

let server;
let browser;

before(async () => {
  server = await new Payara(await freePort()).start();
  console.log(`# Payara Micro ready at ${server.origin} in ${server.startMs} ms`);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// Should the runner be interrupted, take the server down with it.
process.once('exit', () => server?.killNow());

/** A page in a browser context of its own (a separate user); its script errors fail the test. */
async function newPage(t, context) {
  if (!context) {
    context = await browser.newContext();
    t.after(() => context.close());
  }
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', error => errors.push(error));
  t.after(() => assert.deepEqual(errors, [], 'no script errors on the page'));
  return page;
}

/** Opens the chat page and joins a room; resolves once the server has put the page in the room. */
async function join(t, name, room) {
  const page = await newPage(t);
  await page.goto(`${server.origin}/`);
  await page.fill('#name', name);
  await page.fill('#room', room);
  await page.click('#join');
  await joined(page, room);
  return page;
}

function joined(page, room, timeout = WAIT) {
  return page.waitForFunction(
    room => document.querySelector('#status').textContent.startsWith(`Joined ${room} `),
    room, {timeout});
}

async function say(page, text) {
  await page.fill('#message', text);
  await page.click('#send');
}

/** Waits until #messages holds a line with exactly this text. */
function sees(page, text, timeout = WAIT) {
  return page.waitForFunction(
    text => [...document.querySelectorAll('#messages > *')].some(line => line.textContent === text),
    text, {timeout});
}

const lines = page => page.locator('#messages > *').allTextContents();

/** Polls GET /api/clients until it reports the count. */
async function awaitClients(count, timeout = WAIT) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    last = await server.clients();
    if (last === count) return;
    await new Promise(ok => setTimeout(ok, 100));
  }
  assert.fail(`the server counts ${last} WebSocket connections, expected ${count}`);
}

test('the jar serves the client and its types to every WAR that includes it', async () => {
  const script = await fetch(`${server.origin}/candy-ws/candy-ws.js`);
  assert.equal(script.status, 200);
  assert.match(script.headers.get('content-type'), /javascript/);
  assert.match(await script.text(), /Candy\.ws = function/);
  const types = await fetch(`${server.origin}/candy-ws/candy-ws.d.ts`);
  assert.equal(types.status, 200);
  assert.match(await types.text(), /function ws</);
});

test('two pages chat in one room; a page in another room sees nothing', async t => {
  const ann = await join(t, 'ann', 'tea room');
  const bob = await join(t, 'bob', 'tea room');
  const cid = await join(t, 'cid', 'coffee');

  await say(ann, 'hello tea');
  await sees(ann, 'ann: hello tea');
  await sees(bob, 'ann: hello tea');
  await say(bob, 'hi ann');
  await sees(ann, 'bob: hi ann');
  await sees(bob, 'bob: hi ann');

  await say(cid, 'anyone?');
  await sees(cid, 'cid: anyone?');
  await say(bob, 'last one');
  await sees(ann, 'bob: last one');

  assert.deepEqual(await lines(ann), ['ann: hello tea', 'bob: hi ann', 'bob: last one']);
  assert.deepEqual(await lines(bob), ['ann: hello tea', 'bob: hi ann', 'bob: last one']);
  assert.deepEqual(await lines(cid), ['cid: anyone?'], 'the coffee room never saw the tea room');
  await awaitClients(3);
});

test('two tabs with shared: true hold one server connection', async t => {
  await awaitClients(0); // the pages of the earlier test have gone
  const context = await browser.newContext();
  t.after(() => context.close());
  const tabs = [await newPage(t, context), await newPage(t, context)];
  for (const tab of tabs) {
    await tab.goto(`${server.origin}/`);
    await tab.evaluate(() => {
      window.got = [];
      window.shared = Candy.ws('/chat', {shared: true});
      shared.on('message', data => got.push(data));
    });
    await tab.waitForFunction(() => shared.connected, null, {timeout: WAIT});
    assert.equal(await tab.evaluate(() => shared.shared), true, 'the tab uses the SharedWorker');
  }
  await awaitClients(1);

  // Every tab hears what comes over the shared connection, whichever tab sent it.
  const echoed = text =>
    Promise.all(tabs.map(tab => tab.waitForFunction(
      text => got.some(m => m.type === 'echo' && m.data.text === text), text, {timeout: WAIT})));
  await tabs[0].evaluate(() => shared.send({text: 'from tab 1'}));
  await echoed('from tab 1');
  await tabs[1].evaluate(() => shared.send({text: 'from tab 2'}));
  await echoed('from tab 2');
  assert.equal(await server.clients(), 1, 'still one connection');

  // The connection stays while a tab uses it, and closes with the last one.
  await tabs[0].evaluate(() => shared.close());
  assert.equal(await tabs[0].evaluate(() => shared.state), 3);
  await tabs[1].evaluate(() => shared.send({text: 'tab 2 alone'}));
  await tabs[1].waitForFunction(() => got.some(m => m.data && m.data.text === 'tab 2 alone'), null, {timeout: WAIT});
  assert.equal(await server.clients(), 1);
  await tabs[1].evaluate(() => shared.close());
  await awaitClients(0);

  // Tabs that go away without close() release the connection too.
  for (const tab of tabs) {
    await tab.evaluate(() => {
      window.echoes = [];
      window.again = Candy.ws('/chat', {shared: true}).on('message', data => echoes.push(data.data));
    });
    await tab.waitForFunction(() => again.connected, null, {timeout: WAIT});
  }
  await awaitClients(1);
  await tabs[0].close();
  await tabs[1].evaluate(() => again.send('still here'));
  await tabs[1].waitForFunction(() => echoes.includes('still here'), null, {timeout: WAIT});
  assert.equal(await server.clients(), 1, 'the remaining tab keeps the connection');
  await tabs[1].close();
  await awaitClients(0);
});

test('shared: true falls back to a plain WebSocket where SharedWorker is missing', async t => {
  const context = await browser.newContext();
  t.after(() => context.close());
  await context.addInitScript(() => { delete window.SharedWorker; });
  const page = await newPage(t, context);
  await page.goto(`${server.origin}/`);
  const welcome = await page.evaluate(() => new Promise((ok, fail) => {
    const ws = Candy.ws('/chat', {shared: true});
    ws.on('message', data => ok({data, shared: ws.shared}));
    ws.on('error', fail);
  }));
  assert.deepEqual(welcome, {data: {type: 'welcome', message: 'Connected!'}, shared: false});
});

test("request gets the route's reply; the route asks the page in turn", async t => {
  const page = await newPage(t);
  await page.goto(`${server.origin}/`);
  const results = await page.evaluate(async () => {
    const ws = Candy.ws('/rpc');
    ws.onRequest(question => `ann, asked ${question}`);
    const sum = await ws.request({op: 'add', a: 1, b: 2}); // made before the open: queued
    const asked = await ws.request({op: 'ask', question: 'name?'}, {timeout: 10000});
    const failure = await ws.request({op: 'divide'}).catch(e => e.message);
    ws.close();
    const closed = await ws.request({op: 'add', a: 1, b: 1}).catch(e => e.message);
    return {sum, asked, failure, closed};
  });
  assert.deepEqual(results, {
    sum: 3,
    asked: 'ann, asked name?',
    failure: 'Request handler failed',
    closed: 'Not sent',
  });
});

test('a page from a foreign origin is refused', async t => {
  // A second origin: the same host, another port, serving a page that opens the example's /chat.
  const foreign = createServer((request, response) => {
    response.setHeader('content-type', 'text/html');
    response.end(`<!DOCTYPE html><script>
      const ws = new WebSocket('ws://127.0.0.1:${server.port}/chat');
      ws.onopen = () => { window.result = {opened: true}; ws.close(); };
      ws.onclose = event => { window.result = window.result || {opened: false, code: event.code}; };
    </script>`);
  });
  await new Promise(ok => foreign.listen(0, '127.0.0.1', ok));
  t.after(() => new Promise(ok => foreign.close(ok)));
  const page = await newPage(t);
  await page.goto(`http://127.0.0.1:${foreign.address().port}/`);
  const result = await (await page.waitForFunction(() => window.result, null, {timeout: WAIT})).jsonValue();
  assert.equal(result.opened, false, 'the server accepted a handshake from a foreign origin');
});

test('presence: a page sees who is in the room and who comes and goes', async t => {
  const room = `p${Date.now()}`;
  const open = async user => {
    const page = await newPage(t);
    await page.goto(`${server.origin}/`);
    await page.evaluate(([room, user]) => {
      window.got = [];
      window.presence = Candy.ws(`/presence/${room}/user/${user}`);
      presence.on('message', data => got.push(data));
    }, [room, user]);
    return page;
  };
  const got = (page, n) => page.waitForFunction(n => got.length >= n, n, {timeout: WAIT})
    .then(() => page.evaluate(() => got));
  const ann = await open('ann');
  assert.deepEqual(await got(ann, 1), [{type: 'members', roomId: room, users: ['ann']}]);
  const bob = await open('bob');
  assert.deepEqual((await got(bob, 1))[0], {type: 'members', roomId: room, users: ['ann', 'bob']});
  assert.deepEqual((await got(ann, 2))[1], {type: 'joined', userId: 'bob'});
  await bob.evaluate(() => presence.close());
  assert.deepEqual((await got(ann, 3))[2], {type: 'left', userId: 'bob'});
});

test('a history room: a dropped page reconnects with since and misses nothing', async t => {
  const feed = `/feed/b${Date.now()}`;
  const writer = await newPage(t);
  const reader = await newPage(t);
  const urls = [];
  const routes = [];
  await reader.routeWebSocket(/\/feed\//, ws => {
    urls.push(ws.url());
    routes.push([ws, ws.connectToServer()]);
  });
  for (const page of [writer, reader]) {
    await page.goto(`${server.origin}/`);
    await page.evaluate(feed => {
      window.got = [];
      window.feed = Candy.ws(feed, {reconnectDelay: 200});
      window.feed.on('message', data => got.push(data));
    }, feed);
    await page.waitForFunction(() => window.feed.connected, null, {timeout: WAIT});
  }
  const texts = (page, n) => page.waitForFunction(n => got.length >= n, n, {timeout: WAIT})
    .then(() => page.evaluate(() => got.map(m => `${m.text}@${m.offset}`)));
  const say = (page, text) => page.evaluate(text => window.feed.send({text}), text);

  // A page's own message coming back shows it is in the room.
  await say(reader, 'r0');
  assert.deepEqual(await texts(reader, 1), ['r0@0']);
  await say(writer, 't1');
  assert.deepEqual(await texts(reader, 2), ['r0@0', 't1@1']);
  const [page, toServer] = routes[0];
  await toServer.close();
  await page.close(); // the page's connection drops; it reconnects after about 200 ms
  await say(writer, 't2');
  await say(writer, 't3');
  assert.deepEqual(await texts(reader, 4), ['r0@0', 't1@1', 't2@2', 't3@3'], 'missed, in order');
  assert.match(urls[1], /\/feed\/b\d+\?since=1$/);
  await say(writer, 't4');
  assert.deepEqual(await texts(reader, 5), ['r0@0', 't1@1', 't2@2', 't3@3', 't4@4'], 'live, once');
  await writer.waitForFunction(() => got.some(m => m.text === 't4'), null, {timeout: WAIT});
  const atWriter = (await writer.evaluate(() => got.map(m => `${m.text}@${m.offset}`)))
    .filter(text => text !== 'r0@0'); // it may have joined after r0
  assert.deepEqual(atWriter, ['t1@1', 't2@2', 't3@3', 't4@4']);
});

test('the page reconnects after a server restart, sends its full queue and chats again', async t => {
  const ann = await join(t, 'ann', 'restart');
  const bob = await join(t, 'bob', 'restart');
  await say(ann, 'before');
  await sees(bob, 'ann: before');

  await server.stop();
  for (const page of [ann, bob]) {
    await page.waitForFunction(
      () => !chat.connected && document.querySelector('#status').textContent.includes('reconnecting'),
      null, {timeout: WAIT});
  }
  // Sent while the server is down: queued, and sent once the page is back.
  await say(ann, 'while down');
  assert.equal(await ann.inputValue('#message'), '', 'the client took the message');
  // A full queue (maxQueue, 100): flushed on reconnect within the server's default rate limit.
  const queued = await ann.evaluate(() => {
    const taken = [];
    for (let i = 1; i < 100; i++) taken.push(chat.send({text: `queued ${i}`}));
    return taken;
  });
  assert.deepEqual(queued, Array(99).fill(true), 'the queue takes 100 messages');

  await server.start();
  console.log(`# Payara Micro restarted in ${server.startMs} ms`);
  await joined(ann, 'restart', RESTART_WAIT);
  await joined(bob, 'restart', RESTART_WAIT);
  await sees(ann, 'ann: while down');
  await sees(ann, 'ann: queued 99');
  const flushed = (await lines(ann)).filter(line => line.startsWith('ann: queued '));
  assert.deepEqual(flushed, Array.from({length: 99}, (_, i) => `ann: queued ${i + 1}`), 'whole and in order');
  await say(bob, 'after');
  await sees(ann, 'bob: after');
  await sees(bob, 'bob: after');
  await awaitClients(2);
});

test('the board: only an editor posts, and signing out closes the socket with 4001 "Session ended" for good', async t => {
  const alice = await newPage(t);
  await alice.goto(`${server.origin}/`);
  await alice.click('#login'); // alice / secret, filled in by the page
  await alice.waitForFunction(() => document.querySelector('#board-status').textContent === 'Signed in as alice (editor)',
    null, {timeout: WAIT});

  const bob = await newPage(t);
  await bob.goto(`${server.origin}/`);
  await bob.fill('#user', 'bob');
  await bob.click('#login');
  await bob.waitForFunction(() => document.querySelector('#board-status').textContent === 'Signed in as bob',
    null, {timeout: WAIT});
  await bob.fill('#post', 'may I?');
  await bob.click('#send-post');
  await bob.waitForFunction(() => document.querySelector('#board-status').textContent === 'Not posted: only an editor may post',
    null, {timeout: WAIT});

  await alice.fill('#post', 'release at 5');
  await alice.click('#send-post');
  for (const page of [alice, bob]) {
    await page.waitForFunction(() => [...document.querySelectorAll('#posts > *')].some(l => l.textContent === 'alice: release at 5'),
      null, {timeout: WAIT});
  }

  const closed = alice.evaluate(() => new Promise(ok => board.on('close', info => ok(info))));
  await alice.click('#logout');
  const info = await closed;
  assert.deepEqual({...info}, {code: 4001, reason: 'Session ended', wasClean: true, reconnecting: false, giveUp: true});
  await alice.waitForFunction(() => document.querySelector('#board-status').textContent === 'Closed: 4001 Session ended',
    null, {timeout: WAIT});
  assert.equal(await alice.evaluate(() => board.state), 3, 'closed for good: no reconnect');
  assert.equal(await bob.evaluate(() => board.connected), true, "bob's session goes on");
});

