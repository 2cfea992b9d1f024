// Benchmark probes (conformance/bench/processes.py): prints one JSON line of median milliseconds.
// Usage: process_bench.mjs spawn N | fork N | respawn N   (roles fork-child, respawn-worker are internal)
import { spawn, fork } from 'node:child_process';
import cluster from 'node:cluster';
import http from 'node:http';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);
const [, , mode, nArg] = process.argv;
const n = Number(nArg || 10);
const now = () => Number(process.hrtime.bigint()) / 1e6;
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const report = (samples) => console.log(JSON.stringify({ mode, n: samples.length, median_ms: median(samples) }));

async function serial(once) {
  const samples = [];
  for (let i = 0; i < n; i++) samples.push(await once());
  report(samples);
}

if (cluster.isWorker) {
  http.createServer((req, res) => res.end('ok')).listen(0, '127.0.0.1');
} else if (mode === 'spawn') {
  serial(() => new Promise((resolve) => { const t0 = now(); spawn('true').on('exit', () => resolve(now() - t0)); }));
} else if (mode === 'fork') {
  serial(() => new Promise((resolve) => {
    const t0 = now();
    const child = fork(here, ['fork-child']);
    child.on('message', () => { child.disconnect(); });
    child.on('exit', () => resolve(now() - t0));
    child.send('ping');
  }));
} else if (mode === 'fork-child') {
  process.once('message', (m) => process.send(m));
} else if (mode === 'respawn') {
  // death (SIGKILL) to the replacement's 'listening' (accepting connections on the shared port)
  const samples = [];
  let t0 = 0;
  let done = false;
  cluster.on('exit', () => { if (done) return; t0 = now(); cluster.fork(); });
  cluster.on('listening', (worker) => {
    if (done) return;
    if (t0) samples.push(now() - t0);
    if (samples.length >= n) { done = true; report(samples); cluster.disconnect(); return; }
    setTimeout(() => worker.process.kill('SIGKILL'), 20);
  });
  cluster.fork();
}
