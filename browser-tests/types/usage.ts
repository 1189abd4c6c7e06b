// Compiled by client.test.mjs against candy-ws.d.ts: what users write must type-check, and
// mistakes must not. Never run.

interface Chat {
  type: 'message' | 'joined';
  text?: string;
  userId?: string;
}

const room: Candy.Ws<Chat> = Candy.ws<Chat>('/room/lobby/user/ann', {
  autoReconnect: true,
  reconnectDelay: 1000,
  maxReconnectAttempts: Infinity,
  maxQueue: 50,
  flushRate: 8,
  resume: true,
  shared: false,
  token: () => document.querySelector<HTMLMetaElement>('meta[name="csrf"]')?.content,
});

room
  .on('open', () => console.log('open', room.url, room.state, room.connected, room.shared))
  .on('message', chat => console.log(chat.type === 'message' ? chat.text : chat.userId))
  .on('close', info => console.log(info.code, info.reason, info.wasClean, info.reconnecting, info.giveUp))
  .on('error', message => console.log(message.toUpperCase()));

const sent: boolean = room.send({text: 'hi'}) && room.send('raw') && room.send(new Uint8Array(2));
const sum: Promise<number> = anythingElse().request<number>({op: 'add', a: 1, b: 2}, {timeout: 5000});
sum.then(n => n.toFixed(0), (e: Error) => e.message);
room.onRequest(question => `answer to ${question}`).onRequest(async () => 42).onRequest(null);
room.off('message');
room.close(1000, 'bye');

const anything = Candy.ws('/chat', {token: 'abc'});
anything.on('message', data => data.whatever);
Candy.ws('/chat', {token: false, shared: true}).close();

// @ts-expect-error: no such event
room.on('mesage', () => {});
// @ts-expect-error: options are checked
Candy.ws('/chat', {reconnectDelay: '3s'});
// @ts-expect-error: a rate is a number
Candy.ws('/chat', {flushRate: true});
// @ts-expect-error: a timeout is a number of ms
room.request({}, {timeout: '5s'});
// @ts-expect-error: resume is on or off
Candy.ws('/feed/news', {resume: 'yes'});
// @ts-expect-error: state is read-only
room.state = 1;
// @ts-expect-error: a close handler gets the close info
room.on('close', (info: string) => info);

const giveUp: readonly Candy.GiveUpCode[] = Candy.ws.closeCodes.giveUp;
const retry: readonly number[] = Candy.ws.closeCodes.retry;
// @ts-expect-error: 1006 is a code the client retries after
const wrong: Candy.GiveUpCode = 1006;

function anythingElse(): Candy.Ws {
  return Candy.ws('/rpc');
}

export {sent, giveUp, retry, wrong};
