// The browser client against two clustered Payara Micro nodes behind a load balancer (a TCP proxy
// here): presence and a feed across the nodes, and what a page sees when the node it was on dies.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {createServer, connect} from 'node:net';
import {randomUUID} from 'node:crypto';
import {Payara, freePort} from '../lib/payara.mjs';
import {launch} from '../lib/chromium.mjs';

const WAIT = 30_000;

let one;
let two;
let balancer;
let browser;

/** Forwards every TCP connection to the current node; `to(node)` switches, `cut()` drops all. */
function loadBalancer(node) {
  const sockets = new Set();
  let backend = node;
  const server = createServer(client => {
    const upstream = connect(backend.port, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  return new Promise(ok => server.listen(0, '127.0.0.1', () => ok({
    origin: `http://127.0.0.1:${server.address().port}`,
    to(node) { backend = node; },
    close() {
      sockets.forEach(socket => socket.destroy());
      return new Promise(done => server.close(done));
    },
  })));
}

before(async () => {
  const [http1, http2, grid1, grid2] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const cluster = gridPort => ({
    members: `127.0.0.1:${grid1},127.0.0.1:${grid2}`,
    group: `candy-ws-browser-${randomUUID()}`,
    gridPort,
    secret: 'browser-cluster-test-secret-0123456789',
  });
  const group = cluster(0).group;
  one = new Payara(http1, {cluster: {...cluster(grid1), group}});
  two = new Payara(http2, {cluster: {...cluster(grid2), group}});
  await one.start();
  await two.start();
  console.log(`# two clustered Payara Micro nodes ready at ${one.origin} and ${two.origin}`);
  balancer = await loadBalancer(one);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await balancer?.close();
  await one?.stop();
  await two?.stop();
});

process.once('exit', () => {
  one?.killNow();
  two?.killNow();
});

async function newPage(t, origin) {
  const context = await browser.newContext();
  t.after(() => context.close());
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', error => errors.push(error));
  t.after(() => assert.deepEqual(errors, [], 'no script errors on the page'));
  await page.goto(`${origin}/`);
  return page;
}

/** Connects a page's client to a path; its messages collect in `got`. */
function open(page, path, options = {}) {
  return page.evaluate(([path, options]) => {
    window.got = [];
    window.client = Candy.ws(path, options);
    client.on('message', data => got.push(data));
  }, [path, options]);
}

const messages = (page, n) => page.waitForFunction(n => got.length >= n, n, {timeout: WAIT})
  .then(() => page.evaluate(() => got));
const texts = (page, n) => messages(page, n).then(list => list.map(m => `${m.text}@${m.offset}`));
const say = (page, text) => page.evaluate(text => client.send({text}), text);

async function awaitUsers(node, room, users) {
  const deadline = Date.now() + WAIT;
  let last;
  while (Date.now() < deadline) {
    last = await (await fetch(`${node.origin}/api/rooms/${room}/users`)).json();
    if (JSON.stringify(last.users) === JSON.stringify(users)) return;
    await new Promise(ok => setTimeout(ok, 50));
  }
  assert.fail(`${node.origin}: users of ${room} are ${JSON.stringify(last)}, expected ${users}`);
}

test('presence and a feed across two nodes; the node a page was on dies', async t => {
  const room = `c${Date.now()}`;
  const feed = `/feed/${room}`;
  // erin and the writer on node 2 directly; dave and the reader behind the balancer, on node 1
  const erin = await newPage(t, two.origin);
  await open(erin, `/presence/${room}/user/erin`);
  assert.deepEqual(await messages(erin, 1), [{type: 'members', roomId: room, users: ['erin']}]);
  await awaitUsers(one, room, ['erin']);
  const dave = await newPage(t, balancer.origin);
  await open(dave, `/presence/${room}/user/dave`, {autoReconnect: false});
  assert.deepEqual((await messages(dave, 1))[0], {type: 'members', roomId: room, users: ['dave', 'erin']});
  assert.deepEqual((await messages(erin, 2))[1], {type: 'joined', userId: 'dave'}, 'from node 1');

  const writer = await newPage(t, two.origin);
  const reader = await newPage(t, balancer.origin);
  await open(writer, feed);
  await open(reader, feed, {reconnectDelay: 200});
  await say(reader, 'r0'); // its own message back: it is in
  assert.deepEqual(await texts(reader, 1), ['r0@0']);
  await say(writer, 't1');
  assert.deepEqual(await texts(reader, 2), ['r0@0', 't1@1'], 'node 2 to node 1, one offset');

  balancer.to(two);
  one.killNow(); // SIGKILL: no goodbye to the grid; the page comes back through the balancer
  await one.exited;
  const killed = Date.now();
  await say(writer, 't2');
  await say(writer, 't3');
  assert.deepEqual(await texts(reader, 4), ['r0@0', 't1@1', 't2@2', 't3@3'], 'missed, on node 2');
  await say(writer, 't4');
  assert.deepEqual(await texts(reader, 5), ['r0@0', 't1@1', 't2@2', 't3@3', 't4@4'], 'then live, once');
  assert.deepEqual((await messages(erin, 3))[2], {type: 'left', userId: 'dave'});
  console.log(`# dave left ${Date.now() - killed} ms after his node was killed`);
  await awaitUsers(two, room, ['erin']);
});
