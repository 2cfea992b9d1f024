// The document's stream example, corrected (createWriteStream, pipe(outputStream)): a file of several
// MB is piped from a read stream to a write stream. Prints key=value lines: whether the copy is
// byte-identical, the chunk sizes the read stream delivered, and the events of both streams in order.
//   node buffer_pipe.mjs SIZE [HIGH_WATER_MARK]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const size = Number(process.argv[2] ?? 5 * 1024 * 1024 + 123);
const hwm = process.argv[3] ? Number(process.argv[3]) : undefined;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nodespec-pipe-'));
const input = path.join(dir, 'input.txt');
const output = path.join(dir, 'output.txt');

// Deterministic content: a linear congruential sequence of bytes.
const data = Buffer.allocUnsafe(size);
let x = 12345;
for (let i = 0; i < size; i++) { x = (x * 1103515245 + 12345) >>> 0; data[i] = x >>> 24; }
fs.writeFileSync(input, data);

const events = [];
const sizes = [];
let allBuffers = true;
const inputStream = fs.createReadStream(input, hwm ? { highWaterMark: hwm } : {});
const outputStream = fs.createWriteStream(output);
for (const e of ['open', 'ready', 'end', 'close', 'pause', 'resume']) inputStream.on(e, () => events.push(`reader:${e}`));
for (const e of ['open', 'ready', 'finish', 'close', 'pipe', 'unpipe']) outputStream.on(e, () => events.push(`writer:${e}`));
inputStream.on('data', (chunk) => {
  if (!Buffer.isBuffer(chunk)) allBuffers = false;
  sizes.push(chunk.length);
  events.push('reader:data');
});
// Backpressure: how many bytes wait in the writer right after each write (at most one chunk).
let maxPending = 0;
const write = outputStream.write;
outputStream.write = function (...args) {
  const ret = write.apply(this, args);
  maxPending = Math.max(maxPending, this.writableLength);
  return ret;
};
inputStream.pipe(outputStream);

let closed = 0;
const done = () => {
  if (++closed < 2) return;
  const copy = fs.readFileSync(output);
  const full = hwm ?? 65536;
  const last = sizes[sizes.length - 1];
  console.log(`identical=${copy.equals(data)}`);
  console.log(`bytes=${copy.length}`);
  console.log(`chunks=${sizes.length}`);
  console.log(`chunks_expected=${Math.ceil(size / full)}`);
  console.log(`chunk_size=${sizes[0]}`);
  console.log(`all_full_but_last=${sizes.slice(0, -1).every((n) => n === full)}`);
  console.log(`last_chunk=${last}`);
  console.log(`chunk_type=${allBuffers ? 'Buffer' : 'other'}`);
  const order = events.filter((e) => !e.endsWith(':pause') && !e.endsWith(':resume'));
  // Each stream's own events, consecutive 'data' events shown once as 'data*'.
  const own = (who) => order.filter((e) => e.startsWith(`${who}:`)).map((e) => e.slice(who.length + 1))
    .filter((e, i, all) => !(e === 'data' && all[i - 1] === 'data'))
    .map((e) => (e === 'data' ? 'data*' : e));
  console.log(`reader_events=${own('reader').join(',')}`);
  console.log(`writer_events=${own('writer').join(',')}`);
  console.log(`end_before_finish=${order.indexOf('reader:end') < order.indexOf('writer:finish')}`);
  console.log(`reader_paused=${events.includes('reader:pause')}`);
  console.log(`pending_bounded=${maxPending > 0 && maxPending < full + 16384}`);
  // The document's typo (buffer-30): fs has no createWriteSteam.
  console.log(`create_write_steam=${typeof fs.createWriteSteam}`);
  fs.rmSync(dir, { recursive: true, force: true });
};
inputStream.on('close', done);
outputStream.on('close', done);
