// nodespec's JavaScript driver, page binding, for a browser: bundled (esbuild) with the npm polyfills
// a bundler gives a browser app for node:events, node:buffer and node:crypto, loaded into a page, and
// called over the DevTools protocol: globalThis.__nodespec(text) takes the same JSON message as the HTTP
// binding (one request or an array) and resolves to the response text. The driver logic is core.mjs,
// shared with the stdio binding (driver.mjs) and the HTTP binding (worker.mjs).
//
// `process` and `Buffer` are what the bundler injects for the bundled code's free variables
// (browser-globals.mjs: npm's process and buffer, as browserify and the esbuild/Vite node-polyfill
// plugins do); a browser has neither, nor setImmediate nor util.inspect.
import * as events from 'events';
import * as buffer from 'buffer';
import * as crypto from 'crypto-browserify';
import { createDriver, handleMessage } from './core.mjs';

const MODULES = { events, buffer, crypto };
const reporters = {};
globalThis.addEventListener('error', (event) => { event.preventDefault(); reporters.uncaught?.(event.error); });
globalThis.addEventListener('unhandledrejection', (event) => { event.preventDefault(); reporters.unhandledRejection?.(event.reason); });

// util.inspect is Node's; a value that defines Node's custom inspection (npm's Buffer does) is shown
// with it, as Node would.
const CUSTOM = Symbol.for('nodejs.util.inspect.custom');
function inspect(value) {
  if (value !== null && typeof value === 'object' && typeof value[CUSTOM] === 'function') return value[CUSTOM]();
  if (value !== null && typeof value === 'object' && typeof value.inspect === 'function') return value.inspect();
  throw Object.assign(new Error('a browser has no util.inspect'), { name: 'ProtocolError', code: 'NODESPEC_PROTOCOL' });
}

const driver = createDriver({ name: 'chromium-npm', modules: { events: 'events', buffer: 'buffer', crypto: 'crypto' } }, {
  process,
  Buffer,
  inspect,
  importModule: async (spec) => MODULES[spec],
  runtime: () => ({ name: 'chromium', version: navigator.userAgent.match(/(?:Headless)?Chrome\/(\S+)/)?.[1] ?? navigator.userAgent }),
  nextTick: (fn) => process.nextTick(fn),
  setImmediate: (fn) => setTimeout(fn, 0),
  installHooks({ uncaught, unhandledRejection }) {
    reporters.uncaught = uncaught;
    reporters.unhandledRejection = unhandledRejection;
    return [];
  },
});

globalThis.__nodespec = (text) => handleMessage(driver, text);
