// Takes docs/chat.png, the README's picture of the example chat page: two people chatting, seen by
// one of them. Build first (see run.sh), then: node screenshot.mjs
import {fileURLToPath} from 'node:url';
import {Payara, freePort} from './lib/payara.mjs';
import {launch} from './lib/chromium.mjs';

const out = fileURLToPath(new URL('../docs/chat.png', import.meta.url));
const server = await new Payara(await freePort()).start();
const browser = await launch();
try {
  const page = async (name, options = {}) => {
    const p = await (await browser.newContext(options)).newPage();
    await p.goto(`${server.origin}/`);
    await p.fill('#name', name);
    await p.fill('#room', 'lobby');
    await p.click('#join');
    await p.waitForFunction(() => document.querySelector('#status').textContent.startsWith('Joined'));
    return p;
  };
  const ann = await page('ann', {viewport: {width: 640, height: 480}});
  const bob = await page('bob');
  const lines = [
    [ann, 'Hi Bob! This page uses Candy.ws from the candy-ws jar.'],
    [bob, 'Hi Ann. Restart the server: we come back by ourselves.'],
    [ann, 'And a message sent meanwhile waits in the queue.'],
  ];
  for (const [who, text] of lines) {
    await who.fill('#message', text);
    await who.click('#send');
    await ann.waitForFunction(text => document.querySelector('#messages').textContent.includes(text), text);
  }
  await ann.fill('#message', 'Nice!');
  await ann.screenshot({path: out});
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await server.stop();
}
