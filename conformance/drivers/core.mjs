// nodespec's driver logic: the Implementation contract (docs/protocol.md) as one function from a
// request to a response, independent of how requests arrive. Bindings:
//   driver.mjs   JSON lines on stdin/stdout (node, bun, deno)
//   worker.mjs   HTTP, one request or a batch per POST (workerd)
//   browser.mjs  a page function called over the DevTools protocol (Chromium)
//
// Nothing received is evaluated as code: requests name operations, handles and property names, never
// source text, and the property names that lead to code evaluation (`constructor`, `__proto__`...)
// are refused.

export const PROTOCOL = 1;
const BLOCKED = new Set([
  'constructor', '__proto__', 'prototype', '__defineGetter__', '__defineSetter__', '__lookupGetter__',
  '__lookupSetter__', 'dlopen', 'binding', '_linkedBinding', 'mainModule', 'execve', 'reallyExit',
]);
// Refused on the process object only: process.abort() ends the driver, an AbortController's abort() is API.
const BLOCKED_ON_PROCESS = new Set(['abort']);
const SNAPSHOT_LIMIT = 16 * 1024 * 1024;
export const ASYNC_OPS = new Set(['hello', 'reset', 'load', 'settle', 'trace', 'await']);

class ProtocolError extends Error { constructor(m) { super(m); this.name = 'ProtocolError'; this.code = 'NODESPEC_PROTOCOL'; } }

// A result already in wire form (a batch's outcomes): encoded as it is.
class Encoded { constructor(wire) { this.wire = wire; } }

const ERROR_CLASSES = { Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError };

function typeName(value) {
  if (typeof value === 'function') return 'Function';
  const proto = Object.getPrototypeOf(value);
  return (proto && Object.getOwnPropertyDescriptor(proto, 'constructor')?.value?.name) || 'Object';
}

function isPlain(value) {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function isError(value) {
  return value instanceof Error || Object.prototype.toString.call(value) === '[object Error]';
}

const HEX_PAIRS = Array.from({ length: 256 }, (_, b) => (b < 16 ? '0' : '') + b.toString(16));

// Every Buffer and ArrayBuffer a result holds is snapshotted (a pooled Buffer's .buffer is its whole
// pool), so this runs on every such cell: the language's own Uint8Array.prototype.toHex (ES2026; V8 of
// Node 26, not 20) where the host has it, else a table (seven times the old per-byte toString(16)).
function hexOf(value) {
  const bytes = value instanceof ArrayBuffer ? new Uint8Array(value)
    : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (typeof bytes.toHex === 'function') return bytes.toHex();
  let hex = '';
  for (let i = 0; i < bytes.length; i++) hex += HEX_PAIRS[bytes[i]];
  return hex;
}

/**
 * host: {
 *   process       the host's process object (node:process, workerd's, or a stand-in), for the globals,
 *                 nextTick and reset's listener bookkeeping; null when there is none
 *   Buffer        the global Buffer of the host (fresh bytes arguments become one), or null
 *   inspect(v, o) util.inspect
 *   importModule(spec) → Promise<module namespace>
 *   runtime()     → {name, version}
 *   setImmediate(fn), nextTick(fn)   the host's, or stand-ins
 *   installHooks({warning, uncaught, unhandledRejection})  route the host's reports to the trace;
 *                 returns the process events whose listeners reset must keep
 *   track(fn)     optional: wraps deferred work the host must know is outstanding (workerd)
 *   pause(ms)     optional: a wait of up to ms → {ended: Promise, stop()} that ends sooner where the host
 *                 can see that no JavaScript can run any more (node: driver.mjs); without it, a timer
 *   catchDeferred true where an exception thrown by deferred work is not reported by the host
 *                 (it is then recorded as 'uncaught' by the driver itself)
 * }
 */
export function createDriver(config, host) {
  // JavaScript's own binary data classes, for scenarios about what Buffer accepts (SharedArrayBuffer is
  // missing where a page is not cross-origin isolated: a scenario that needs it fails there, as it would).
  const GLOBALS = {
    process: host.process ?? undefined, Buffer: host.Buffer ?? undefined, Uint8Array, ArrayBuffer,
    Int8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array,
    BigInt64Array, BigUint64Array, DataView, SharedArrayBuffer: globalThis.SharedArrayBuffer,
    // node:events' EventTarget & co. are the host's own, as node:events users meet them.
    EventTarget: globalThis.EventTarget, Event: globalThis.Event,
    AbortController: globalThis.AbortController, AbortSignal: globalThis.AbortSignal,
  };
  let handles = new Map();      // id -> object
  let ids = new WeakMap();      // object -> id
  let nextId = 1;
  let recorders = new Map();    // name -> function
  let recorderNames = new WeakMap();
  let symbols = new Map();      // description -> symbol
  let trace = [];
  const loaded = new Map();     // module name -> module object (kept across resets)
  const isLoadedModule = (value) => { for (const m of loaded.values()) if (m === value) return true; return false; };
  const proc = host.process;
  const processBaseline = new Map(proc?.eventNames ? proc.eventNames().map((e) => [e, proc.listeners(e)]) : []);
  // Buffer.poolSize as a fresh process has it (8 KiB up to Node 22, 64 KiB from 24): each scenario
  // starts with it, whatever an earlier scenario assigned.
  const startupPoolSize = GLOBALS.Buffer?.poolSize;

  if (host.installHooks) {
    const kept = host.installHooks({
      warning: (w) => trace.push({ kind: 'warning', name: w.name, code: w.code ?? null, message: w.message }),
      uncaught: (e) => trace.push({ kind: 'uncaught', error: encode(e) }),
      unhandledRejection: (e) => trace.push({ kind: 'unhandledRejection', error: encode(e) }),
    });
    for (const event of kept ?? []) processBaseline.set(event, proc.listeners(event));
  }

  function reset() {
    handles = new Map(); ids = new WeakMap(); nextId = 1;
    recorders = new Map(); recorderNames = new WeakMap(); symbols = new Map(); trace = [];
    if (GLOBALS.Buffer && GLOBALS.Buffer.poolSize !== startupPoolSize) GLOBALS.Buffer.poolSize = startupPoolSize;
    if (!proc?.eventNames) return;
    for (const event of proc.eventNames()) {
      const keep = processBaseline.get(event) ?? [];
      for (const fn of proc.listeners(event)) if (!keep.includes(fn)) proc.removeListener(event, fn);
    }
  }

  // -- values ----------------------------------------------------------------------------------
  function handleOf(value) {
    let id = ids.get(value);
    if (id === undefined) { id = nextId++; ids.set(value, id); handles.set(id, value); }
    return id;
  }

  function encode(value, seen = new Set()) {
    if (value instanceof Encoded) return value.wire;
    switch (typeof value) {
      case 'undefined': return { $: 'undefined' };
      case 'boolean': case 'string': return value;
      case 'number':
        if (Number.isNaN(value)) return { $: 'number', value: 'NaN' };
        if (!Number.isFinite(value)) return { $: 'number', value: value > 0 ? 'Infinity' : '-Infinity' };
        if (Object.is(value, -0)) return { $: 'number', value: '-0' };
        return value;
      case 'bigint': return { $: 'bigint', value: value.toString() };
      case 'symbol': {
        const description = value.description ?? '';
        if (!symbols.has(description)) symbols.set(description, value);
        return { $: 'symbol', description };
      }
      case 'function': {
        if (recorderNames.has(value)) return { $: 'listener', name: recorderNames.get(value) };
        if (typeof value.listener === 'function' && recorderNames.has(value.listener)) {
          return { $: 'wrapper', name: recorderNames.get(value.listener) };
        }
        return { $: 'function', name: value.name, id: handleOf(value) };
      }
    }
    if (value === null) return null;
    if (isError(value)) {
      return { $: 'error', name: value.name, message: String(value.message), code: value.code ?? null, id: handleOf(value) };
    }
    if (seen.has(value)) return { $: 'handle', id: handleOf(value), type: typeName(value) };
    if (Array.isArray(value)) { seen.add(value); return value.map((v) => encode(v, seen)); }
    // A module under test is an object with an identity and non-enumerable members (node:crypto's
    // createCipher): a handle, as a Python module is, never a copy of its enumerable keys.
    if (isPlain(value) && !isLoadedModule(value)) {
      seen.add(value);
      const members = Object.fromEntries(Object.keys(value).map((k) => [k, encode(value[k], seen)]));
      return '$' in members ? { $: 'object', value: members } : members;
    }
    const result = { $: 'handle', id: handleOf(value), type: typeName(value) };
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
      // A snapshot of the bytes, up to a limit: a 2 GiB Buffer must not become a 4 GiB JSON string.
      if (value.byteLength <= SNAPSHOT_LIMIT) result.hex = hexOf(value);
      else result.length = value.byteLength;
    }
    return result;
  }

  function lookup(id) {
    if (!handles.has(id)) throw new ProtocolError(`no handle ${id}`);
    return handles.get(id);
  }

  function decode(value, ctx) {
    if (Array.isArray(value)) return value.map((v) => decode(v, ctx));
    if (value === null || typeof value !== 'object') return value;
    if (!('$' in value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decode(v, ctx)]));
    switch (value.$) {
      case 'undefined': return undefined;
      case 'object': return Object.fromEntries(Object.entries(value.value).map(([k, v]) => [k, decode(v, ctx)]));
      case 'number': return { NaN, Infinity, '-Infinity': -Infinity, '-0': -0 }[value.value];
      case 'bigint': return BigInt(value.value);
      case 'symbol':
        if (!symbols.has(value.description)) symbols.set(value.description, Symbol(value.description));
        return symbols.get(value.description);
      case 'handle': case 'function': case 'error':
        if (value.id !== undefined && value.id !== null) return lookup(value.id);
        if (value.$ === 'error') return makeError(value);
        throw new ProtocolError(`${value.$} without id`);
      case 'bytes': {
        const bytes = Uint8Array.from((value.hex.match(/../g) ?? []).map((h) => parseInt(h, 16)));
        if (value.type === 'Uint8Array') return bytes;
        if (value.type === 'ArrayBuffer') return bytes.buffer;
        return GLOBALS.Buffer ? GLOBALS.Buffer.from(bytes) : bytes;
      }
      case 'listener': return recorder(value.name, value.actions ?? [], value.arrow, value.async);
      case 'wrapper': throw new ProtocolError('a wrapper cannot be an argument');
      case 'this': return ctx?.self;
      case 'arg': return ctx?.args?.[value.index];
      default: throw new ProtocolError(`unknown value kind ${value.$}`);
    }
  }

  function makeError(spec) {
    const error = new (ERROR_CLASSES[spec.name] ?? Error)(spec.message ?? '');
    if (spec.code) error.code = spec.code;
    return error;
  }

  // -- recorders -------------------------------------------------------------------------------
  function recorder(name, actions, arrow, isAsync) {
    if (recorders.has(name)) return recorders.get(name);
    const body = (self, args) => {
      trace.push({ kind: 'call', listener: name, args: args.map((a) => encode(a)), this: encode(self) });
      return runActions(actions, { self, args });
    };
    let fn;
    if (isAsync) fn = arrow ? async (...args) => body(undefined, args) : async function (...args) { return body(this, args); };
    else fn = arrow ? (...args) => body(undefined, args) : function (...args) { return body(this, args); };
    Object.defineProperty(fn, 'name', { value: name });
    recorders.set(name, fn);
    recorderNames.set(fn, name);
    return fn;
  }

  function runActions(actions, ctx) {
    let result;
    for (const action of actions) {
      if (action.op === 'return') return decode(action.value, ctx);
      result = execute(action, ctx);
    }
    return result;
  }

  // -- operations ------------------------------------------------------------------------------
  function property(name, target) {
    if (typeof name === 'string' && (BLOCKED.has(name) || (target === proc && BLOCKED_ON_PROCESS.has(name)))) {
      throw new ProtocolError(`property ${name} is refused`);
    }
    return name;
  }

  // Where the host does not report an exception thrown by deferred work, the driver records it.
  const guarded = (fn) => (host.catchDeferred
    ? () => { try { fn(); } catch (e) { trace.push({ kind: 'uncaught', error: encode(e) }); } }
    : fn);
  // A host that must know what is still to run (workerd keeps a request alive for it) tracks it.
  const later = (fn) => (host.track ? host.track(guarded(fn)) : guarded(fn));
  const DEFER = {
    nextTick: (fn) => host.nextTick(later(fn)),
    queueMicrotask: (fn) => queueMicrotask(later(fn)),
    promise: (fn) => { Promise.resolve().then(later(fn)); },
    setImmediate: (fn) => host.setImmediate(later(fn)),
    setTimeout: (fn, ms) => setTimeout(later(fn), ms ?? 0),
  };

  // Synchronous operations: the ones a batch, and a recorder's actions, may contain.
  function execute(req, ctx) {
    const target = () => decode(req.target, ctx);
    const args = () => (req.args ?? []).map((a) => decode(a, ctx));
    switch (req.op) {
      case 'call': {
        const self = target();
        if (req.method === null || req.method === undefined) return self(...args());
        const fn = self[property(req.method, self)];
        if (typeof fn !== 'function') throw new TypeError(`${typeName(self)}.${req.method} is not a function`);
        return fn.apply(self, args());
      }
      case 'new': return new (target())(...args());
      case 'get': { const t = target(); return t[property(req.property, t)]; }
      case 'set': { const t = target(); t[property(req.property, t)] = decode(req.value, ctx); return undefined; }
      case 'has': { const t = target(); return property(req.property, t) in t; }
      case 'instanceof': return target() instanceof decode(req.of, ctx);
      case 'typeof': return typeof target();
      case 'inspect':
        if (!host.inspect) throw new ProtocolError('this host has no util.inspect');
        return host.inspect(target(), req.options ?? {});
      case 'log': trace.push({ kind: 'log', value: encode(decode(req.value, ctx)) }); return undefined;
      case 'throw': throw decode(req.error, ctx) ?? makeError(req.error);
      case 'global':
        if (!(req.name in GLOBALS) || GLOBALS[req.name] === undefined) throw new ProtocolError(`no global ${req.name}`);
        return GLOBALS[req.name];
      case 'module':
        if (!loaded.has(req.name)) throw new ProtocolError(`module ${req.name} is not loaded`);
        return loaded.get(req.name);
      case 'batch': return new Encoded(req.ops.map((r) => outcome(() => execute(r, ctx))));
      default:
        if (req.op in DEFER) {
          DEFER[req.op](() => runActions(req.ops ?? [], ctx), req.ms);
          return undefined;
        }
        throw new ProtocolError(`unknown operation ${req.op}`);
    }
  }

  function outcome(thunk) {
    try { return { ok: true, value: encode(thunk()) }; } catch (e) { return { ok: false, error: encodeThrown(e) }; }
  }

  function encodeThrown(e) {
    if (isError(e)) return { name: e.name, code: e.code ?? null, message: String(e.message), id: handleOf(e) };
    return { name: 'NonError', code: null, message: String(e), value: encode(e) };
  }

  const pause = host.pause ?? ((ms) => {
    let timer;
    const ended = new Promise((r) => { timer = setTimeout(r, ms); });
    return { ended, stop: () => clearTimeout(timer) };
  });
  const tick = () => new Promise((r) => host.setImmediate(r));

  async function executeAsync(req) {
    switch (req.op) {
      case 'hello':
        return { protocol: PROTOCOL, implementation: config.name, runtime: host.runtime(), modules: Object.keys(config.modules) };
      case 'reset': reset(); return null;
      case 'load': {
        const spec = config.modules[req.name];
        if (spec === undefined) throw new ProtocolError(`module ${req.name} is not covered`);
        if (!loaded.has(req.name)) {
          // `path#Member`: the module under test is one export of the package (tseep's EventEmitter).
          const [path, member] = spec.split('#');
          const mod = await host.importModule(path);
          const value = mod.default ?? mod;
          loaded.set(req.name, member ? value[member] : value);
        }
        return undefined;
      }
      case 'settle':
        await tick(); await pause(req.ms ?? 5).ended; await tick(); await tick();
        return null;
      case 'trace': { const t = trace; trace = []; return t; }
      case 'await': {
        const promise = decode(req.target);
        const timeout = Symbol('timeout');
        const wait = pause(req.ms ?? 2000);
        try {
          const value = await Promise.race([promise, wait.ended.then(() => timeout)]);
          return value === timeout ? { status: 'pending' } : { status: 'fulfilled', value: encode(value) };
        } catch (e) {
          return { status: 'rejected', reason: encode(e) };
        } finally {
          wait.stop();
        }
      }
      default: return null;
    }
  }

  // One request → its response (without the id). Synchronous operations answer synchronously (not
  // a promise), so a binding can write the answer before the event loop gets a turn.
  function handle(req) {
    if (ASYNC_OPS.has(req.op)) {
      return executeAsync(req).then((value) => ({ ok: true, value }), (e) => ({ ok: false, error: encodeThrown(e) }));
    }
    return outcome(() => execute(req));
  }

  return { handle, encode };
}

// The JSON text of a response; a result that cannot be serialized is a protocol error.
export function responseText(id, body) {
  try { return JSON.stringify({ id, ...body }); } catch (e) {
    return JSON.stringify({ id, ok: false, error: { name: 'ProtocolError', code: 'NODESPEC_PROTOCOL', message: `unencodable result: ${e.message}` } });
  }
}

export function badRequest(message) {
  return { ok: false, error: { name: 'ProtocolError', code: 'NODESPEC_PROTOCOL', message } };
}

// The requests of one HTTP/page message: a JSON object (one request) or an array (several, answered in
// order, each as if it had come alone). → the response text (an object or an array).
export async function handleMessage(driver, text) {
  let parsed;
  try { parsed = JSON.parse(text); } catch (e) { return responseText(null, badRequest(`bad JSON: ${e.message}`)); }
  const one = async (req) => {
    if (req === null || typeof req !== 'object') return responseText(null, badRequest('a request is a JSON object'));
    return responseText(req.id, await driver.handle(req));
  };
  if (!Array.isArray(parsed)) return one(parsed);
  const out = [];
  for (const req of parsed) out.push(await one(req));
  return `[${out.join(',')}]`;
}
