// Where a Buffer's bytes live: allocating 32 MiB raises process.memoryUsage().arrayBuffers by ~32 MiB
// while the JavaScript heap barely moves, and dropping the Buffer lets the garbage collector give
// the memory back. Prints key=value lines.
import v8 from 'node:v8';
import vm from 'node:vm';

// A full garbage collection, however the runtime offers one (Node: --expose-gc set at run time).
function fullGc() {
  if (typeof globalThis.gc === 'function') return globalThis.gc;
  if (globalThis.Bun) return () => globalThis.Bun.gc(true);
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc');
}
const gc = fullGc();
const MiB = 1024 * 1024;
const settle = () => new Promise((resolve) => setImmediate(resolve));

gc();
await settle();
const before = process.memoryUsage();
let big = Buffer.alloc(32 * MiB, 1);
const after = process.memoryUsage();
console.log(`length=${big.length}`);
console.log(`array_buffers_grew=${after.arrayBuffers - before.arrayBuffers >= 31 * MiB}`);
console.log(`heap_grew_little=${after.heapUsed - before.heapUsed < MiB}`);
big = null;
for (let i = 0; i < 3; i++) { gc(); await settle(); }
const released = process.memoryUsage();
console.log(`released=${after.arrayBuffers - released.arrayBuffers >= 31 * MiB}`);
