// The source document's blocking example, measured. Usage: child_blocking.mjs inprocess|forked|doc-end-number
// The observer (this process) forks the server, asks /compute, then /ok as soon as the server says
// /compute is in flight (an IPC message sent just before the computation starts), and reports whether
// /ok had to wait for the computation. The computation is a bounded busy loop (600 ms).
import http from 'node:http';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);
const say = (...parts) => console.log(parts.map(String).join(' '));
const [, , role, mode] = process.argv;
const COMPUTE_MS = 600;
// A program that cannot finish says so and ends, instead of hanging until the harness kills it.
setTimeout(() => { say(role ?? '', 'gave up after 10 s'); process.exit(2); }, 10_000).unref();

const computation = (ms) => {
  let sum = 0;
  const end = Date.now() + ms;
  for (let i = 0; Date.now() < end; i++) sum += i;
  return sum;
};

const get = (port, path) => new Promise((resolve) => {
  const t0 = Date.now();
  const req = http.get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
    let body = '';
    res.on('data', (d) => { body += d; });
    res.on('end', () => resolve({ body, ms: Date.now() - t0 }));
  });
  req.on('error', (e) => resolve({ error: e.code, ms: Date.now() - t0 }));
});

if (role === 'server') {
  const server = http.createServer((req, res) => {
    if (req.url === '/compute') {
      if (mode === 'inprocess') {
        process.send('computing'); // written to the channel at once, before the loop blocks this process
        res.end(String(computation(COMPUTE_MS)));
      } else if (mode === 'forked') {
        const compute = fork(here, ['compute']);
        compute.send('start');
        process.send('computing');
        compute.on('message', (sum) => { res.end(`Sum is ${sum}`); compute.kill(); });
      } else { // the document's handler: res.end(sum) with a number
        const sum = computation(5);
        res.end(sum);
      }
    } else {
      res.end('ok');
    }
  });
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
} else if (role === 'compute') {
  process.on('message', () => { process.send(computation(COMPUTE_MS)); });
} else {
  const server = fork(here, ['server', role], { silent: true });
  let stderr = '';
  server.stderr.on('data', (d) => { stderr += d; });
  server.stdout.on('data', () => {});
  let port;
  let compute;
  server.on('message', async (message) => {
    if (message === 'computing') {
      const ok = await get(port, '/ok');
      const c = await compute;
      console.error(`/ok latency ${ok.ms} ms, /compute ${c.ms} ms (${role})`);
      say('ok answered', ok.body, 'waited-for-compute', ok.ms >= 300);
      say('compute answered', /^(Sum is )?\d+$/.test(c.body));
      server.kill();
      return;
    }
    port = message.port;
    if (role === 'doc-end-number') {
      const r = await get(port, '/compute');
      // bounded: a server that survives the throw is reported (and killed) after 5 s
      const timer = setTimeout(() => { say('answered', r.body !== undefined, 'server still running after 5 s'); server.kill('SIGKILL'); }, 5000);
      server.on('exit', (code) => {
        clearTimeout(timer);
        if (code !== null) say('answered', r.body !== undefined, 'server exit', code, 'mentions ERR_INVALID_ARG_TYPE', stderr.includes('ERR_INVALID_ARG_TYPE'));
      });
      return;
    }
    compute = get(port, '/compute'); // /ok follows on the server's 'computing'
  });
}
