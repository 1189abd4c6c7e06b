// Takes docs/dashboard.png, the README's picture of the dashboard: the example WAR with the
// dashboard on, some chat and game traffic, seen by ada (who has the role) after 30 s.
// Build first (see run.sh), then: node dashboard-screenshot.mjs
import {fileURLToPath} from 'node:url';
import {Payara, freePort} from './lib/payara.mjs';
import {launch} from './lib/chromium.mjs';

const out = fileURLToPath(new URL('../docs/dashboard.png', import.meta.url));
const server = await new Payara(await freePort(), {javaOptions: ['-Dcandy.ws.dashboard.enabled=true']}).start();
const browser = await launch();
try {
  const traffic = await (await browser.newContext()).newPage();
  await traffic.goto(`${server.origin}/`);
  await traffic.evaluate(() => {
    const rooms = ['lobby', 'lobby', 'lobby', 'lobby', 'lobby', 'support', 'support', 'support', 'dev', 'dev', 'random'];
    window.games = rooms.map(room => Candy.ws('/game?room=' + room));
    window.chats = [0, 1, 2, 3].map(() => Candy.ws('/chat'));
    let tick = 0;
    setInterval(() => {
      tick++;
      const burst = 1 + Math.round(3 + 3 * Math.sin(tick / 8));
      for (let i = 0; i < burst; i++) window.games[i % window.games.length].send({message: 'hi ' + tick});
      window.chats[tick % 4].send({n: tick});
      if (tick % 40 === 0) { window.chats.pop()?.close(); }
    }, 200);
  });
  const anonymous = await (await browser.newContext()).newPage();
  await anonymous.goto(`${server.origin}/`);
  await anonymous.evaluate(() => { Candy.ws('/secure'); Candy.ws('/notifications'); });
  const page = await (await browser.newContext({
    viewport: {width: 1100, height: 720},
    extraHTTPHeaders: {Authorization: 'Basic ' + Buffer.from('ada:secret').toString('base64')},
  })).newPage();
  await page.goto(`${server.origin}/candy-ws/dashboard.html`);
  await page.waitForFunction(() => document.querySelector('#status').dataset.state === 'live');
  await new Promise(ok => setTimeout(ok, 30_000));
  await page.screenshot({path: out, fullPage: true});
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await server.stop();
}
