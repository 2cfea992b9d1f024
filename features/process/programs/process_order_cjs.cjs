// Event-loop order in a CommonJS module. Usage: node process_order_cjs.cjs CASE
// Prints the order of the callbacks as one comma-separated line.
const fs = require('node:fs');
const out = [];
const log = (x) => out.push(x);
const done = () => console.log(out.join(','));
const which = process.argv[2];
const cases = {
  'tick-before-promise': () => {
    Promise.resolve().then(() => log('promise'));
    process.nextTick(() => log('tick'));
    log('sync');
  },
  'nested-ticks': () => {
    Promise.resolve().then(() => log('promise'));
    process.nextTick(() => { log('tick1'); process.nextTick(() => log('tick3')); });
    process.nextTick(() => log('tick2'));
  },
  'microtask-fifo': () => {
    Promise.resolve().then(() => log('promise1'));
    queueMicrotask(() => log('microtask'));
    Promise.resolve().then(() => log('promise2'));
  },
  'tick-from-promise': () => {
    Promise.resolve().then(() => { log('promise1'); process.nextTick(() => log('tick-from-promise')); });
    Promise.resolve().then(() => log('promise2'));
  },
  'microtasks-before-macrotasks': () => {
    setTimeout(() => log('macrotask'), 0);
    setImmediate(() => log('macrotask'));
    Promise.resolve().then(() => log('promise'));
    process.nextTick(() => log('tick'));
    log('sync');
  },
  'timeout-vs-immediate': () => {
    setTimeout(() => log('timeout'), 0);
    setImmediate(() => log('immediate'));
  },
  'io-callback': () => {
    fs.readFile(__filename, () => {
      setTimeout(() => log('timeout'), 0);
      setImmediate(() => log('immediate'));
      Promise.resolve().then(() => log('promise'));
      process.nextTick(() => log('tick'));
    });
  },
  'between-immediates': () => {
    setImmediate(() => { log('immediateA'); process.nextTick(() => log('tickA')); Promise.resolve().then(() => log('promiseA')); });
    setImmediate(() => log('immediateB'));
  },
  'between-timers': () => {
    setTimeout(() => { log('timer1'); Promise.resolve().then(() => log('promise1')); }, 0);
    setTimeout(() => log('timer2'), 0);
  },
  'immediate-from-immediate': () => {
    setImmediate(() => { log('immediateA'); setImmediate(() => log('immediateC')); });
    setImmediate(() => log('immediateB'));
  },
};
process.on('exit', done);
cases[which]();
