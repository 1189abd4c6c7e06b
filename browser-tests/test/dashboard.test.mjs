// The dashboard page in headless Chromium, against the example WAR on Payara Micro started with
// candy.ws.dashboard.enabled=true. The example's user ada has the dashboard's role, bob has not.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {Payara, freePort} from '../lib/payara.mjs';
import {launch} from '../lib/chromium.mjs';

const WAIT = 20_000;

let server;
let browser;

before(async () => {
  server = await new Payara(await freePort(), {javaOptions: ['-Dcandy.ws.dashboard.enabled=true']}).start();
  console.log(`# Payara Micro ready at ${server.origin} in ${server.startMs} ms`);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

process.once('exit', () => server?.killNow());

const basic = user => ({Authorization: 'Basic ' + Buffer.from(`${user}:secret`).toString('base64')});

/** The dashboard page as a user (signed in with HTTP Basic), or anonymous; script errors fail. */
async function dashboard(t, user) {
  const context = await browser.newContext(user ? {extraHTTPHeaders: basic(user)} : {});
  t.after(() => context.close());
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', error => errors.push(error));
  t.after(() => assert.deepEqual(errors, [], 'no script errors on the page'));
  await page.goto(`${server.origin}/candy-ws/dashboard.html`);
  return page;
}

test('an admin sees each route live: its open count, its message rates and their plots', async t => {
  const page = await dashboard(t, 'ada');
  await page.waitForFunction(() => document.querySelector('#status').dataset.state === 'live', null, {timeout: WAIT});

  // Traffic from another browser: three chat connections, one of them talking.
  const traffic = await (await browser.newContext()).newPage();
  t.after(() => traffic.context().close());
  await traffic.goto(`${server.origin}/`);
  await traffic.evaluate(() => {
    window.chats = [0, 1, 2].map(() => Candy.ws('/chat'));
    window.talking = setInterval(() => window.chats[0].send({hello: 'dashboard'}), 100);
  });

  const row = page.locator('#routes tr[data-route="/chat"]');
  await page.waitForFunction(
    () => document.querySelector('#routes tr[data-route="/chat"] td.open .value')?.textContent === '3',
    null, {timeout: WAIT});
  await page.waitForFunction(
    () => Number(document.querySelector('#routes tr[data-route="/chat"] td.in .value')?.textContent) > 0 &&
      Number(document.querySelector('#routes tr[data-route="/chat"] td.out .value')?.textContent) > 0,
    null, {timeout: WAIT});
  const plot = row.locator('td.in svg.spark');
  assert.ok(Number(await plot.getAttribute('data-points')) >= 2, 'the plot has a line');
  const points = (await plot.locator('polyline').getAttribute('points')).split(' ');
  assert.ok(new Set(points.map(p => p.split(',')[1])).size > 1, `the line rises: ${points}`);
  assert.equal(await page.textContent('#total-open'), '3', 'the dashboard does not count itself');
  assert.equal(await page.locator('#routes tr[data-route="/candy-ws/dashboard"]').count(), 0);
  assert.match(await page.textContent('#status'), /1 watcher$/);

  // The chats leave: the page follows.
  await traffic.evaluate(() => { clearInterval(window.talking); window.chats.forEach(c => c.close()); });
  await page.waitForFunction(
    () => document.querySelector('#routes tr[data-route="/chat"] td.open .value')?.textContent === '0',
    null, {timeout: WAIT});
  assert.match(await row.locator('td.closed').textContent(), /1000 × 3/);
});

test('a user without the dashboard role is told the page is not allowed', async t => {
  const page = await dashboard(t, 'bob');
  await page.waitForFunction(() => document.querySelector('#status').dataset.state === 'refused', null, {timeout: WAIT});
  assert.match(await page.textContent('#status'), /Not allowed.*4003/);
  assert.equal(await page.locator('#routes tbody tr[data-route]').count(), 0, 'no data reached the page');
});

test('an anonymous visitor is asked to sign in', async t => {
  const page = await dashboard(t, null);
  await page.waitForFunction(() => document.querySelector('#status').dataset.state === 'refused', null, {timeout: WAIT});
  assert.match(await page.textContent('#status'), /Sign in first.*4001/);
});
