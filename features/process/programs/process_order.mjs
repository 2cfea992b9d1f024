// Event-loop order. Usage: process_order.mjs CASE
// ESM cases run here (an ES module); CJS cases run process_order_cjs.cjs in a child of the same runtime.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

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
if (which in esm) {
  process.on('exit', () => console.log(out.join(',')));
  esm[which]();
} else {
  const file = fileURLToPath(new URL('./process_order_cjs.cjs', import.meta.url));
  const argv = typeof Deno !== 'undefined' ? ['run', '-A', file, which] : [file, which];
  const r = spawnSync(process.execPath, argv, { stdio: 'inherit' });
  process.exitCode = r.status ?? 1;
}
