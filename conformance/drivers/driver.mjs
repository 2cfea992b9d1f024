// nodespec's JavaScript driver, stdio binding: the Implementation contract (docs/protocol.md) as JSON
// lines on stdin/stdout, unchanged under Node.js, Bun and Deno. The driver logic is core.mjs, shared
// with the HTTP binding (worker.mjs, workerd) and the page binding (browser.mjs, Chromium).
//
//   node driver.mjs --name node --module events=node:events --module buffer=node:buffer ...
//
// The modules under test are start-up arguments, so the same driver validates node:events, npm's
// `events`, `eventemitter3`, npm's `buffer`, `crypto-browserify`...
import process from 'node:process';
import { createInterface } from 'node:readline';
import { inspect } from 'node:util';
import { createDriver, responseText, badRequest, ASYNC_OPS } from './core.mjs';

// -- start-up arguments ------------------------------------------------------------------------
const config = { name: 'unknown', modules: {} };
const hidden = [];  // --hide-global NAME: globals absent while the modules under test load
for (let i = 2; i < process.argv.length; i++) {
  const arg = process.argv[i];
  if (arg === '--name') config.name = process.argv[++i];
  else if (arg === '--hide-global') hidden.push(process.argv[++i]);
  else if (arg === '--module') {
    const [name, ...spec] = process.argv[++i].split('=');
    config.modules[name] = spec.join('=');
  }
}

// Reserve stdout for the protocol: whatever the code under test prints goes to stderr.
for (const level of ['log', 'info', 'debug', 'dir', 'table']) {
  console[level] = (...args) => process.stderr.write(args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' ') + '\n');
}

function runtime() {
  if (globalThis.Bun) return { name: 'bun', version: globalThis.Bun.version };
  if (globalThis.Deno) return { name: 'deno', version: globalThis.Deno.version.deno };
  return { name: 'node', version: process.version };
}

// A polyfill that prefers the host's global (unenv's buffer: `globalThis.Buffer || its own`) is loaded
// as a browser or an edge runtime loads it, without that global: otherwise the verdict would be Node's.
async function importModule(spec) {
  const saved = hidden.map((name) => [name, Object.getOwnPropertyDescriptor(globalThis, name)]);
  for (const name of hidden) delete globalThis[name];
  try {
    return await import(spec);
  } finally {
    for (const [name, descriptor] of saved) if (descriptor) Object.defineProperty(globalThis, name, descriptor);
  }
}

const driver = createDriver(config, {
  process,
  Buffer: globalThis.Buffer,
  inspect,
  importModule,
  runtime,
  nextTick: (fn) => process.nextTick(fn),
  setImmediate: (fn) => setImmediate(fn),
  installHooks({ warning, uncaught, unhandledRejection }) {
    process.on('warning', warning);
    process.on('uncaughtException', uncaught);
    process.on('unhandledRejection', unhandledRejection);
    return ['warning', 'uncaughtException', 'unhandledRejection'];
  },
});

const respond = (id, body) => process.stdout.write(responseText(id, body) + '\n');

// -- the loop ----------------------------------------------------------------------------------
const queue = [];
let busy = false;

async function pump() {
  busy = true;
  while (queue.length > 0) {
    const line = queue.shift();
    let req;
    try { req = JSON.parse(line); } catch (e) {
      respond(null, badRequest(`bad JSON: ${e.message}`));
      continue;
    }
    // Synchronous operations are answered before the event loop gets a turn.
    respond(req.id, ASYNC_OPS.has(req.op) ? await driver.handle(req) : driver.handle(req));
  }
  busy = false;
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on('line', (line) => { queue.push(line); if (!busy) pump(); });
// The harness closing our stdin means the run is over: never outlive it.
lines.on('close', () => process.exit(0));
