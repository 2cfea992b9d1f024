// Core objects built on EventEmitter, and the events the source document names, in Node's order.
//   net     a net.Server: 'listening', then 'connection' for a client, then 'close'
//   fs      an fs.ReadStream: 'open', 'ready', 'data', 'end', 'close'
//   stream  a Readable: one 'data' per chunk, then 'end', then 'close'
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { Readable } from 'node:stream';

const mode = process.argv[2];
if (mode === 'net') {
  const server = net.createServer();
  console.log('server is an EventEmitter:', server instanceof EventEmitter);
  server.on('listening', () => {
    console.log('listening');
    const client = net.connect(server.address().port, '127.0.0.1');
    client.on('close', () => server.close());
  });
  server.on('connection', (socket) => {
    console.log('connection');
    socket.end();
  });
  server.on('close', () => console.log('close'));
  server.listen(0, '127.0.0.1');
} else if (mode === 'fs') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nodespec-rs-'));
  const file = path.join(dir, 'data.txt');
  fs.writeFileSync(file, 'hot data');
  const stream = fs.createReadStream(file);
  console.log('stream is an EventEmitter:', stream instanceof EventEmitter);
  for (const name of ['open', 'ready', 'end', 'close']) stream.on(name, () => console.log(name));
  stream.on('data', (chunk) => console.log('data', String(chunk)));
  stream.on('close', () => fs.rmSync(dir, { recursive: true, force: true }));
} else if (mode === 'stream') {
  const stream = Readable.from(['a', 'b']);
  console.log('stream is an EventEmitter:', stream instanceof EventEmitter);
  stream.on('data', (chunk) => console.log('data', chunk));
  stream.on('end', () => console.log('end'));
  stream.on('close', () => console.log('close'));
}
