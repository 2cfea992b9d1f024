// Event-loop order in an ES module. Usage: process_order.mjs CASE (the CommonJS cases: process_order_cjs.cjs)
// Prints the order of the callbacks as one comma-separated line.

const out = [];
const log = (x) => out.push(x);
const which = process.argv[2];
const esm = {
  'esm-promise-before-tick': () => {
    Promise.resolve().then(() => log('promise'));
    queueMicrotask(() => log('microtask'));
    process.nextTick(() => log('tick'));
    log('sync');
  },
  'esm-ticks-and-promises': () => {
    process.nextTick(() => { log('tick'); Promise.resolve().then(() => log('promise-from-tick')); });
    Promise.resolve().then(() => { log('promise1'); process.nextTick(() => log('tick-from-promise')); });
    Promise.resolve().then(() => log('promise2'));
  },
};
process.on('exit', () => console.log(out.join(',')));
esm[which]();
