// nodespec's JavaScript driver, HTTP binding, for servers that do not read stdin (workerd). Two ways in,
// the same JSON messages:
//   GET / with Upgrade: websocket  one WebSocket message per request, one per response: the whole session
//                                  lives in one request context, as a Worker's own work does (the harness
//                                  uses this: a promise created during one operation settles in a later one)
//   POST /                         one request (a JSON object) or several (a JSON array, answered in order)
//                                  per HTTP request; the response body is the response (or the array)
// The driver logic is core.mjs, shared with the stdio binding (driver.mjs) and the page binding
// (browser.mjs).
//
// The configuration ({name, modules}) comes from the NODESPEC_CONFIG JSON binding.
import process from 'node:process';
import { Buffer } from 'node:buffer';
import { inspect } from 'node:util';
import { createDriver, handleMessage } from './core.mjs';

// POST: workerd ends a request's context once its response is sent, and cancels the timers created in
// it: deferred work (setImmediate, setTimeout...) scheduled by one request and due later would never
// run. While some is outstanding, each response keeps its context alive (waitUntil) until it has run.
// (A promise created during one request still cannot settle during another: workerd refuses
// cross-request promise resolution. Over the WebSocket there is one request.)
let outstanding = 0;
let idleWaiters = [];
function track(fn) {
  outstanding++;
  let done = false;
  return () => {
    try { fn(); } finally {
      if (!done) {
        done = true;
        if (--outstanding === 0) { for (const resolve of idleWaiters) resolve(); idleWaiters = []; }
      }
    }
  };
}
const idle = () => (outstanding === 0 ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve)));

const reporters = {};
globalThis.addEventListener?.('unhandledrejection', (event) => { event.preventDefault?.(); reporters.unhandledRejection?.(event.reason); });

function host() {
  return {
    process,
    Buffer,
    inspect,
    importModule: (spec) => import(spec),
    runtime: () => ({ name: 'workerd', version: globalThis.navigator?.userAgent ?? 'unknown' }),
    nextTick: (fn) => process.nextTick(fn),
    setImmediate: (fn) => setImmediate(fn),
    track,
    catchDeferred: true,
    installHooks({ warning, unhandledRejection }) {
      reporters.unhandledRejection = unhandledRejection;
      process.on?.('warning', warning);
      return ['warning'];
    },
  };
}

let driver = null;

// One message at a time, in order, each answered before the next is read.
function session(socket) {
  let queue = Promise.resolve();
  socket.accept();
  socket.addEventListener('message', (event) => {
    queue = queue.then(async () => socket.send(await handleMessage(driver, String(event.data))));
  });
}

export default {
  async fetch(request, env, ctx) {
    driver ??= createDriver(env.NODESPEC_CONFIG, host());  // a json binding: already parsed
    if (request.headers.get('upgrade') === 'websocket') {
      const [client, server] = Object.values(new WebSocketPair());
      session(server);
      return new Response(null, { status: 101, webSocket: client });
    }
    if (request.method !== 'POST') return new Response('nodespec driver: POST contract requests as JSON, or open a WebSocket\n', { status: 405 });
    const text = await handleMessage(driver, await request.text());
    if (outstanding > 0) ctx.waitUntil(idle());
    return new Response(text, { headers: { 'content-type': 'application/json' } });
  },
};
