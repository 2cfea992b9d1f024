// The source document's "avalanche" pattern: N concurrent requests for one hot file, one read.
//   node events_coalesce.mjs MODE N [missing]
//   MODE doc    the document's select(): one emitter.once(file, cb) per caller (typos fixed)
//   MODE fixed  the corrected pattern: one list of waiters per key, no listener per caller
//   missing     read a file that does not exist: every caller gets the same error
// Prints how many reads happened, what the callers got, what is left behind, then a second wave.
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';

const [mode, n, missing] = [process.argv[2], Number(process.argv[3]), process.argv[4] === 'missing'];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nodespec-hot-'));
const file = path.join(dir, missing ? 'absent.txt' : 'hot.txt');
if (!missing) fs.writeFileSync(file, 'hot data');
let reads = 0;

// The document's version (with `stats` and the duplicate `const status` fixed).
const emitter = new EventEmitter();
const status = {};
function selectDoc(file, cb) {
  emitter.once(file, cb);
  if (status[file] === undefined) status[file] = 'ready';
  if (status[file] === 'ready') {
    status[file] = 'pending';
    reads++;
    fs.readFile(file, 'utf8', (err, result) => {
      emitter.emit(file, err, result);
      status[file] = 'ready';
    });
  }
}

// The corrected version: waiters in a list; the key is free again before the callbacks run.
const waiting = new Map();
function selectFixed(file, cb) {
  if (waiting.has(file)) { waiting.get(file).push(cb); return; }
  waiting.set(file, [cb]);
  reads++;
  fs.readFile(file, 'utf8', (err, result) => {
    const callbacks = waiting.get(file);
    waiting.delete(file);
    for (const callback of callbacks) callback(err, result);
  });
}

const select = mode === 'doc' ? selectDoc : selectFixed;
const left = () => (mode === 'doc' ? emitter.eventNames().length : waiting.size);

function wave(label, done) {
  const got = [];
  for (let i = 0; i < n; i++) {
    select(file, (err, result) => {
      got.push(err ? `error ${err.code}` : `result ${result}`);
      if (got.length === n) {
        console.log(`${label}: reads ${reads}, callbacks ${got.length}, all the same ${got.every((g) => g === got[0])}, got ${got[0]}`);
        setImmediate(() => { console.log(`${label}: listeners left ${left()}`); done(); });
      }
    });
  }
}

wave('first wave', () => wave('second wave', () => fs.rmSync(dir, { recursive: true, force: true })));
