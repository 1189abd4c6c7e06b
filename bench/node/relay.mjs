// The Node.js twin of the benchmark routes, written the way a careful Node user would with the ws
// package: /node/echo echoes each text frame, /node/room/<room> relays each text frame to every
// member of the room, sender included. One process; the port is the first argument.
import http from 'node:http';
import { WebSocketServer, WebSocket } from 'ws';

const port = Number(process.argv[2] ?? 8090);
const rooms = new Map();
const server = http.createServer((request, response) => {
  response.writeHead(request.url === '/node/clients' ? 200 : 404, { 'content-type': 'text/plain' });
  response.end(request.url === '/node/clients' ? String(wss.clients.size) : '');
});
const wss = new WebSocketServer({ server, maxPayload: 10 * 1024 * 1024 });

wss.on('connection', (socket, request) => {
  const path = new URL(request.url, 'http://localhost').pathname;
  if (path === '/node/echo') {
    socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
    return;
  }
  const match = /^\/node\/room\/([^/]+)$/.exec(path);
  if (!match) {
    socket.close(4004, 'Not found');
    return;
  }
  const name = decodeURIComponent(match[1]);
  let members = rooms.get(name);
  if (!members) {
    members = new Set();
    rooms.set(name, members);
  }
  members.add(socket);
  socket.on('message', (data, isBinary) => {
    for (const member of members) {
      if (member.readyState === WebSocket.OPEN) {
        member.send(data, { binary: isBinary });
      }
    }
  });
  socket.on('close', () => {
    members.delete(socket);
    if (members.size === 0) {
      rooms.delete(name);
    }
  });
});

server.listen(port, '127.0.0.1', () => console.log(`listening ${port}`));
