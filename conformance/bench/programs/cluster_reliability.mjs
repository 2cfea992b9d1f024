// A self-healing pool for conformance/bench/reliability.py, on node:cluster.
// Usage: cluster_reliability.mjs WORKERS. Prints JSON lines: ready, up, announce, exit (t = ms since start).
// A worker asked for /retire answers, announces its death ({act: 'suicide'}), stops accepting and exits;
// the primary forks the replacement on the announcement, or on the exit of a worker that did not announce.
import cluster from 'node:cluster';
import http from 'node:http';

const t = () => Number(process.hrtime.bigint() / 1000n) / 1000;
const emit = (m) => console.log(JSON.stringify({ ...m, t: t() }));
if (cluster.isWorker) {
  const server = http.createServer((req, res) => {
    res.end(String(process.pid));
    if (req.url === '/retire') {
      process.send({ act: 'suicide' });
      cluster.worker.disconnect();
    }
  });
  server.listen(0, '127.0.0.1');
} else {
  const count = Number(process.argv[2] || 2);
  const announced = new Set();
  let ready = false;
  const spawnOne = () => {
    const w = cluster.fork();
    w.on('message', (m) => {
      if (m && m.act === 'suicide') { announced.add(w.id); emit({ ev: 'announce', pid: w.process.pid }); spawnOne(); }
    });
  };
  cluster.on('listening', (w, address) => {
    emit({ ev: 'up', pid: w.process.pid });
    if (!ready && Object.values(cluster.workers).filter((x) => x.state === 'listening').length === count) {
      ready = true;
      emit({ ev: 'ready', port: address.port });
    }
  });
  cluster.on('exit', (w, code, signal) => {
    emit({ ev: 'exit', pid: w.process.pid, code, signal });
    if (!announced.has(w.id)) spawnOne();
  });
  for (let i = 0; i < count; i++) spawnOne();
}
