// nodespec's JavaScript driver, stdio binding: the Implementation contract (docs/protocol.md) as JSON
// lines on stdin/stdout, unchanged under Node.js, Bun and Deno. The driver logic is core.mjs, shared
// with the HTTP binding (worker.mjs, workerd) and the page binding (browser.mjs, Chromium).
//
//   node driver.mjs --name node --module events=node:events --module buffer=node:buffer ...
//
// The modules under test are start-up arguments, so the same driver validates node:events, npm's
// `events`, `eventemitter3`, npm's `buffer`, `crypto-browserify`...
import process from 'node:process';
import { createHook } from 'node:async_hooks';
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

// -- waits that end when nothing is left to happen ------------------------------------------------
// 'await' (a promise that may never settle) and 'settle' wait up to a limit. Under Node they stop as
// soon as no JavaScript can run again before it: the answer is then the one the limit would give
// (nothing can settle the promise or add to the trace meanwhile), only sooner.
//
// JavaScript runs again only from deferred work, and Node reports all of it to async_hooks, each piece
// from its creation (init) to its end: timers and immediates, ref'd or not (AbortSignal.timeout's timer
// is unref'd), and every other async resource: I/O, thread-pool jobs (crypto.pbkdf2, webcrypto), handles.
// process.getActiveResourcesInfo() would not do: it lists neither unref'd timers nor crypto's
// thread-pool jobs. Left out: promises, ticks and queueMicrotask's microtasks, which run only from
// the others and are drained before any macrotask, so a check made at the start of an immediate sees
// them empty. A timer or immediate is done once its _destroyed is set (its destroy hook comes later,
// when the loop next wakes); any other resource when its destroy hook comes. Blind spots, none of
// them reachable through the contract's globals and modules: V8's own off-thread work
// (WebAssembly.compile, Atomics.waitAsync) and FinalizationRegistry callbacks (at the GC's whim).
// Bun's and Deno's createHook do not report timers and immediates: they keep the plain limit.
const DEFERRED_BY_MICROTASKS = new Set(['PROMISE', 'TickObject', 'Microtask']);

function earlyPauses() {
  // The driver's own stdio handles are made before the hook is on: never counted as outstanding work.
  for (const stream of [process.stdin, process.stdout, process.stderr]) void stream;
  const timers = new Map();   // async id → Timeout or Immediate of the code under test
  const others = new Set();   // async ids of its other outstanding resources
  let created = 0;            // the async id last created
  let wake = null;            // ends the current pause, while there is one
  let checking = false;
  createHook({
    init(id, type, trigger, resource) {
      created = id;
      if (type === 'Timeout' || type === 'Immediate') timers.set(id, resource);
      else if (!DEFERRED_BY_MICROTASKS.has(type)) others.add(id);
    },
    after(id) { if (wake && (timers.has(id) || others.has(id))) check(); },
    destroy(id) { timers.delete(id); if (others.delete(id) && wake) check(); },
    trackPromises: false,  // Node 24+: no promise hooks at all (older lines report them; init skips them)
  }).enable();
  // The driver's own timer and immediates are not the code under test's work.
  const own = (make) => {
    const before = created;
    const made = make();
    if (created !== before) { timers.delete(created); others.delete(created); }
    return made;
  };
  function check() {
    if (checking) return;
    checking = true;
    own(() => setImmediate(() => {
      checking = false;
      for (const [id, work] of timers) if (work._destroyed) timers.delete(id);
      if (wake && timers.size === 0 && others.size === 0) wake();
    }));
  }
  return (ms) => {
    let timer;
    let stop;
    const ended = new Promise((resolve) => {
      stop = () => { clearTimeout(timer); if (wake === stop) wake = null; resolve(); };
      timer = own(() => setTimeout(stop, ms));
    });
    wake = stop;
    check();
    return { ended, stop };
  };
}

const driver = createDriver(config, {
  process,
  Buffer: globalThis.Buffer,
  inspect,
  importModule,
  runtime,
  nextTick: (fn) => process.nextTick(fn),
  setImmediate: (fn) => setImmediate(fn),
  pause: runtime().name === 'node' ? earlyPauses() : null,
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
