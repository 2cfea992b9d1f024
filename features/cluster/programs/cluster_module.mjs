// node:cluster — a primary forks workers that share one listening port. Usage: cluster_module.mjs CASE
// The same file is the primary (cluster.isPrimary) and, re-run by cluster.fork(), every worker.
import cluster from 'node:cluster';
import http from 'node:http';
import os from 'node:os';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { alive, until } from './program_support.mjs';

const here = fileURLToPath(import.meta.url);
const say = (...parts) => console.log(parts.map(String).join(' '));
const which = process.argv[2];

const get = (port, path = '/') => new Promise((resolve) => {
  http.get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
    let body = '';
    res.on('data', (d) => { body += d; });
    res.on('end', () => resolve(body));
  }).on('error', (e) => resolve(`error ${e.code}`));
});

if (which === 'observe-primary-killed') {
  // Not part of the cluster: start a primary, kill it with SIGTERM, count the workers left behind.
  const primary = fork(here, ['primary-for-kill']);
  primary.on('message', async ({ pids }) => {
    primary.kill('SIGTERM');
    primary.on('exit', async (code, signal) => {
      const gone = await until(() => pids.every((pid) => !alive(pid)));
      say('primary', code, signal, 'workers', pids.length, 'all workers gone', gone);
    });
  });
} else if (cluster.isWorker) {
  if (which === 'roles') {
    // Only the roles: a worker killed while it is still starting to listen would test a race instead.
    process.send({ isWorker: cluster.isWorker, isPrimary: cluster.isPrimary, id: cluster.worker.id });
  } else {
    // The crash comes once the worker listens: a worker dying in the middle of its listen handshake makes
    // the primary's reply fail with EPIPE (an 'error' the primary does not handle) — another scenario.
    const crash = which === 'crash' && cluster.worker.id === 1;
    http.createServer((req, res) => res.end(String(process.pid))).listen(0, '127.0.0.1', () => {
      if (crash) setImmediate(() => { throw new Error('worker crash'); });
    });
  }
} else {
  // A primary that cannot finish says so, kills its workers (they hold the program's stdout open) and
  // exits 2, instead of hanging until the harness's limit. Once every worker it forked has
  // disconnected, Node's workers exit at once and the primary with them; a primary still here
  // DISCONNECT_GRACE_MS after the last 'disconnect' has workers that will not exit (Bun). Both timers
  // are unref'd: they keep nothing alive and never delay a primary that ends.
  const DISCONNECT_GRACE_MS = 2000;
  const forked = new Set();
  const connected = new Set();
  const giveUp = (why) => {
    say(why);
    for (const pid of forked) if (alive(pid)) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone meanwhile */ } }
    process.exit(2);
  };
  setTimeout(() => giveUp('primary gave up after 10 s'), 10_000).unref();
  let afterDisconnect;
  cluster.on('fork', (w) => { forked.add(w.process.pid); connected.add(w); clearTimeout(afterDisconnect); });
  cluster.on('disconnect', (w) => {
    connected.delete(w);
    if (connected.size > 0) return;
    clearTimeout(afterDisconnect);
    afterDisconnect = setTimeout(() => giveUp('workers still alive after disconnect'), DISCONNECT_GRACE_MS).unref();
  });
  const cases = {
    'roles': () => {
      say('primary', 'isPrimary', cluster.isPrimary, 'isWorker', cluster.isWorker);
      const w = cluster.fork();
      w.on('message', (m) => { say('worker', 'isPrimary', m.isPrimary, 'isWorker', m.isWorker, 'id', m.id); w.kill(); });
    },
    'default-count': () => {
      for (let i = 0; i < os.cpus().length; i++) cluster.fork();
      let listening = 0;
      cluster.on('listening', () => {
        if (++listening === os.cpus().length) {
          say('workers', Object.keys(cluster.workers).length === os.cpus().length ? 'one per CPU' : 'other');
          cluster.disconnect();
        }
      });
    },
    'events': () => {
      const seen = [];
      // 'disconnect' and 'exit' come in either order (the channel's end and the process's exit reach the
      // primary separately; under load Node emits 'exit' first): the events are read once both came.
      const report = () => {
        if (!seen.includes('disconnect') || !seen.includes('exit')) return;
        say('first three', seen.slice(0, 3).join(','));
        say('all five', [...seen].sort().join(','));
      };
      for (const name of ['fork', 'online', 'listening', 'disconnect', 'exit']) cluster.on(name, () => { seen.push(name); report(); });
      const w = cluster.fork();
      cluster.on('listening', () => w.disconnect());
    },
    'shared-port': () => {
      const ports = [];
      cluster.fork(); cluster.fork();
      cluster.on('listening', (w, address) => {
        ports.push(address.port);
        if (ports.length === 2) { say('same port', ports[0] === ports[1] && ports[0] > 0); cluster.disconnect(); }
      });
    },
    'serves': () => {
      const workers = [cluster.fork(), cluster.fork()];
      let n = 0;
      cluster.on('listening', async (w, address) => {
        if (++n < 2) return;
        const pids = new Set(workers.map((x) => x.process.pid));
        const bodies = [];
        for (let i = 0; i < 6; i++) bodies.push(await get(address.port));
        say('answered', bodies.length, 'by workers', bodies.every((b) => pids.has(Number(b))), 'not by primary', !bodies.includes(String(process.pid)));
        cluster.disconnect();
      });
    },
    'crash': () => {
      cluster.fork(); cluster.fork();
      cluster.on('exit', (w, code, signal) => {
        if (w.id !== 1) return;
        say('exit', 'id', w.id, 'code', code, 'signal', signal, 'exitedAfterDisconnect', w.exitedAfterDisconnect);
        if (!w.exitedAfterDisconnect) {
          const r = cluster.fork();
          r.on('listening', () => { say('replacement', 'id', r.id, 'workers', Object.keys(cluster.workers).length); cluster.disconnect(); });
        }
      });
    },
    'kill': () => {
      const w = cluster.fork();
      w.on('listening', () => w.kill());
      cluster.on('exit', (worker, code, signal) => say('exit', 'code', code, 'signal', signal, 'exitedAfterDisconnect', worker.exitedAfterDisconnect, 'state', worker.state, 'still listed', worker.id in cluster.workers));
    },
    'disconnect': () => {
      const w = cluster.fork();
      w.on('listening', () => w.disconnect());
      cluster.on('exit', (worker, code, signal) => say('exit', 'code', code, 'signal', signal, 'exitedAfterDisconnect', worker.exitedAfterDisconnect));
    },
    'ids': () => {
      const first = [cluster.fork(), cluster.fork()];
      let respawned = false;
      cluster.on('exit', (w) => {
        if (respawned) return;
        respawned = true;
        const r = cluster.fork();
        say('ids', first.map((x) => x.id).join(','), 'replacement id', r.id);
        r.on('online', () => cluster.disconnect());
      });
      first[0].on('listening', () => first[0].kill());
    },
    'primary-for-kill': () => {
      const ws = [cluster.fork(), cluster.fork()];
      let n = 0;
      cluster.on('listening', () => { if (++n === 2) process.send({ pids: ws.map((w) => w.process.pid) }); });
    },
  };
  cases[which]();
}
