// The source document's master/worker pattern (fork + send the server handle), with its typos fixed
// (`for('worker.js')` → fork). Usage: cluster_pattern.mjs CASE
// This process is the observer: it forks the master ("master [N]"), which forks the workers ("worker").
// The master reports to the observer over IPC; the observer makes requests and sends signals.
import { fork } from 'node:child_process';
import net from 'node:net';
import http from 'node:http';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { alive, until } from './program_support.mjs';

const here = fileURLToPath(import.meta.url);
const say = (...parts) => console.log(parts.map(String).join(' '));
const [, , role, arg] = process.argv;

const get1 = (port, path, ms) => new Promise((resolve) => {
  const req = http.get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
    let body = '';
    res.on('data', (d) => { body += d; });
    res.on('end', () => resolve(body));
  });
  req.setTimeout(ms, () => req.destroy(new Error('timeout')));
  req.on('error', (e) => resolve(`error ${e.code || e.message}`));
});
// The master keeps the shared socket listening without a 'connection' listener, so it accepts some
// connections itself and never answers them: a request that fails is tried again, each attempt short
// (a hung one costs little) and longer than the last (a slow worker on a loaded machine still gets
// its time), all within one long deadline. The .py twin tries the same way.
const ATTEMPT_MS = 100, ATTEMPT_GROWTH = 1.25, ATTEMPT_MAX_MS = 1000, DEADLINE_MS = 15000;
const get = async (port, path = '/') => {
  const end = Date.now() + DEADLINE_MS;
  let attempt = ATTEMPT_MS;
  let body = 'error none';
  while (Date.now() < end) {
    body = await get1(port, path, Math.min(attempt, Math.max(50, end - Date.now())));
    if (!body.startsWith('error')) return body;
    attempt = Math.min(attempt * ATTEMPT_GROWTH, ATTEMPT_MAX_MS);
  }
  return body;
};

if (role === 'master') {
  // master.js of the document
  const cpus = os.cpus();
  const count = arg ? Number(arg) : cpus.length;
  const server = net.createServer();
  const workers = {};
  const report = (m) => { if (process.connected) process.send(m); };
  function createWorker() {
    const worker = fork(here, ['worker']);
    worker.on('message', (message) => {
      if (message.act === 'serving') report({ ev: 'serving', pid: worker.pid }); // not in the document
      if (message.act === 'suicide') { report({ ev: 'suicide', pid: worker.pid }); createWorker(); }
    });
    worker.on('exit', (code, signal) => {
      report({ ev: 'exit', pid: worker.pid, code, signal });
      delete workers[worker.pid];
    });
    worker.send('server', server);
    workers[worker.pid] = worker;
    report({ ev: 'worker', pid: worker.pid });
  }
  server.listen(0, '127.0.0.1', () => {
    for (let i = 0; i < count; i++) createWorker();
    report({ ev: 'ready', port: server.address().port, workers: Object.keys(workers).map(Number) });
  });
  function close(code) {
    if (code !== 0) {
      for (const pid in workers) workers[pid].kill('SIGINT');
    }
    process.exit(0);
  }
  // Not in the document: the observer's barrier. A 'pong' comes after every report the master made
  // before it read the 'ping', so the observer knows what the master did without sleeping.
  process.on('message', (m) => { if (m === 'ping') report({ ev: 'pong' }); });
  process.once('SIGINT', close.bind(this, 'SIGINT'));
  process.once('SIGQUIT', close.bind(this, 'SIGQUIT'));
  process.once('SIGTERM', close.bind(this, 'SIGTERM'));
  process.once('exit', close.bind(this));
} else if (role === 'worker') {
  // worker.js: serve on the master's server; on an uncaught exception announce death, stop, exit
  let worker;
  // Not in the document: a worker crashes on its first /crash only. A second /crash that reached the
  // same worker before it exited would make it announce its death twice, and the document's master
  // would fork two replacements for it (the pool one too big: a race of the observer's retries).
  let crashed = false;
  process.on('message', (m, tcp) => {
    if (m === 'server') {
      worker = tcp;
      worker.on('connection', (socket) => {
        socket.once('data', (data) => {
          if (String(data).startsWith('GET /crash') && !crashed) { crashed = true; throw new Error('worker crashed'); }
          const body = String(process.pid);
          socket.end(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);
        });
      });
      process.send({ act: 'serving' }); // not in the document: tells the observer it accepts now
    }
  });
  process.on('uncaughtException', () => {
    process.send({ act: 'suicide' });
    worker.close(() => process.exit(1));
  });
} else {
  // the observer
  const master = fork(here, ['master', ...(role === 'per-cpu' ? [] : ['2'])], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
  const events = [];
  const waiters = [];
  master.on('message', (m) => { events.push(m); waiters.splice(0).forEach((w) => w()); });
  const next = (pred) => new Promise((resolve) => {
    const check = () => { const e = events.find(pred); if (e) resolve(e); else waiters.push(check); };
    check();
  });
  const masterExit = new Promise((resolve) => master.on('exit', (code, signal) => resolve({ code, signal })));
  const ready = await next((e) => e.ev === 'ready');
  const live = new Set(ready.workers);
  master.on('message', (m) => { if (m.ev === 'worker') live.add(m.pid); if (m.ev === 'exit') live.delete(m.pid); });
  const withTimeout = (promise, ms) => {
    let timer;
    return Promise.race([promise, new Promise((r) => { timer = setTimeout(r, ms); })]).finally(() => clearTimeout(timer));
  };
  // Every report the master made so far has arrived (a ping answered after them).
  const barrier = () => {
    const pongs = events.filter((e) => e.ev === 'pong').length;
    master.send('ping');
    return withTimeout(next((e, i) => e.ev === 'pong' && events.slice(0, i + 1).filter((x) => x.ev === 'pong').length > pongs), DEADLINE_MS);
  };
  // Every worker in pids accepts on the shared socket (until then the master takes every connection,
  // and never answers it).
  const serving = (pids) => withTimeout(new Promise((resolve) => {
    const check = () => {
      const seen = new Set(events.filter((e) => e.ev === 'serving').map((e) => e.pid));
      if ([...pids].every((pid) => seen.has(pid))) resolve(); else waiters.push(check);
    };
    check();
  }), DEADLINE_MS);
  const finish = async () => {
    master.kill('SIGTERM');
    await masterExit;
    await until(() => [...events].filter((e) => e.ev === 'worker').every((e) => !alive(e.pid)));
  };
  if (role === 'per-cpu') {
    say('workers', ready.workers.length === os.cpus().length ? 'one per CPU' : `other (${ready.workers.length})`);
    await finish();
  } else if (role === 'serves') {
    await serving(ready.workers);
    const bodies = [];
    for (let i = 0; i < 6; i++) bodies.push(await get(ready.port));
    say('answered', bodies.filter((b) => /^\d+$/.test(b)).length, 'by workers', bodies.every((b) => ready.workers.includes(Number(b))), 'not by master', !bodies.includes(String(master.pid)));
    await finish();
  } else if (role === 'suicide') {
    await serving(ready.workers);
    // A /crash request that lands on a worker makes it throw; one that lands on the master hangs.
    // Each request stays open until the 'suicide' report comes or its attempt is over (the crashed
    // worker's close() waits for it), then the next is sent.
    const end = Date.now() + DEADLINE_MS;
    let attempt = ATTEMPT_MS;
    const crashes = [];
    while (!events.some((e) => e.ev === 'suicide') && Date.now() < end) {
      const s = net.connect(ready.port, '127.0.0.1');
      s.on('error', () => {});
      s.write('GET /crash HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
      crashes.push(s);
      await withTimeout(next((e) => e.ev === 'suicide'), attempt);
      attempt = Math.min(attempt * ATTEMPT_GROWTH, ATTEMPT_MAX_MS);
    }
    crashes.forEach((s) => s.destroy());
    const suicide = await next((e) => e.ev === 'suicide');
    const exit = await next((e) => e.ev === 'exit' && e.pid === suicide.pid);
    const replacementIndex = events.findIndex((e) => e.ev === 'worker' && !ready.workers.includes(e.pid));
    say('replacement forked before the old worker exited', replacementIndex >= 0 && replacementIndex < events.indexOf(exit));
    say('old worker exit code', exit.code);
    // More than one /crash may have landed before the first 'suicide' arrived: wait for the pool to
    // settle back to its size (or not) rather than sample it mid-replacement — every worker that
    // announced its death has exited (each was replaced when it announced).
    const exited = (pid) => events.some((e) => e.ev === 'exit' && e.pid === pid);
    await until(() => live.size === ready.workers.length
      && events.filter((e) => e.ev === 'suicide').every((e) => exited(e.pid)), DEADLINE_MS);
    await serving(live);
    const body = await get(ready.port);
    await barrier();
    // every replacement serves on the shared socket too, not only the workers that survived
    const replacements = [...live].filter((pid) => !ready.workers.includes(pid));
    const servingNow = new Set(events.filter((e) => e.ev === 'serving').map((e) => e.pid));
    say('pool size', live.size, 'still answering', /^\d+$/.test(body),
      'replacements serving', replacements.length > 0 && replacements.every((pid) => servingNow.has(pid)));
    await finish();
  } else if (role === 'sigkill') {
    process.kill(ready.workers[0], 'SIGKILL');
    const exit = await next((e) => e.ev === 'exit' && e.pid === ready.workers[0]);
    await barrier(); // the master has handled the exit: a replacement, if it forked one, is reported
    say('killed worker', exit.code, exit.signal, 'replaced', events.some((e) => e.ev === 'worker' && !ready.workers.includes(e.pid)), 'pool size', live.size);
    await finish();
  } else if (role === 'signal') {
    master.kill(arg);
    const { code, signal } = await masterExit;
    const gone = await until(() => ready.workers.every((pid) => !alive(pid)));
    say('master exit', code, signal, 'workers left', gone ? 0 : ready.workers.filter(alive).length);
  }
}
