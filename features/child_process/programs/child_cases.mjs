// node:child_process behaviours, one case per run. Usage: child_cases.mjs CASE
// Roles starting with "child-" are the forked children of the fork cases.
import { spawn, exec, execFile, fork } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import net from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);
const say = (...parts) => console.log(parts.map(String).join(' '));
const q = (s) => JSON.stringify(s);
const which = process.argv[2];

const collect = (child, done) => {
  let out = '', err = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { err += d; });
  child.on('close', (code, signal) => done(out, err, code, signal));
};

const cases = {
  // -- spawn --
  'spawn-stdout': () => collect(spawn('sh', ['-c', 'echo hello']), (out, err) => say('stdout', q(out), 'stderr', q(err))),
  'spawn-stderr': () => collect(spawn('sh', ['-c', 'echo oops >&2']), (out, err) => say('stdout', q(out), 'stderr', q(err))),
  'spawn-streamed': () => {
    const child = spawn('sh', ['-c', 'echo one; sleep 0.3; echo two']);
    const chunks = [];
    child.stdout.on('data', (d) => chunks.push(String(d)));
    child.on('close', () => say('chunks', chunks.length >= 2, q(chunks.join(''))));
  },
  'spawn-cwd': () => collect(spawn('pwd', [], { cwd: '/usr' }), (out) => say('pwd', out.trim())),
  'spawn-env': () => collect(spawn('/usr/bin/env', [], { env: { ONLY: 'this' } }), (out) => say('env', q(out))),
  'spawn-events': () => {
    const seen = [];
    const child = spawn('sh', ['-c', 'echo hi']);
    child.stdout.on('data', () => {});
    for (const name of ['spawn', 'exit', 'close']) child.on(name, () => seen.push(name));
    child.on('close', () => say('events', seen.join(',')));
  },
  'spawn-exit-code': () => {
    const child = spawn('sh', ['-c', 'exit 3']);
    child.on('exit', (code, signal) => say('exit', code, signal));
    child.on('close', (code, signal) => say('close', code, signal));
  },
  'spawn-enoent': () => {
    let threw = false, child;
    try { child = spawn('nonexistent-cmd-nodespec', ['a', 'b']); } catch { threw = true; }
    say('threw', threw, 'pid', String(child.pid));
    child.on('error', (e) => say('error', e.code, e.errno, q(e.message), e.syscall, e.path, q(e.spawnargs)));
    child.on('exit', () => say('exit event'));
    child.on('close', (code, signal) => say('close', code, signal));
  },
  'spawn-enoent-streams': () => {
    const child = spawn('nonexistent-cmd-nodespec');
    child.on('error', () => {});
    say('stdin null', child.stdin === null, 'writable', child.stdin.writable, 'readable', child.stdin.readable);
    for (const name of ['stdout', 'stderr']) say(name, 'null', child[name] === null, 'readable', child[name].readable);
  },
  'spawn-enoent-stdio-events': () => {
    const seen = [];
    const child = spawn('nonexistent-cmd-nodespec');
    child.on('error', () => seen.push('error'));
    if (process.argv[3] === 'with-stdin') child.stdin.on('close', () => seen.push('stdin close'));
    for (const name of ['stdout', 'stderr']) {
      for (const event of ['end', 'close']) child[name].on(event, () => seen.push(`${name} ${event}`));
    }
    child.on('close', (code, signal) => seen.push(`close ${code} ${signal}`));
    process.on('exit', () => say('events', seen.join(',')));
  },
  'spawn-enoent-stdin-write': () => {
    const seen = [];
    const child = spawn('nonexistent-cmd-nodespec');
    child.on('error', (e) => say('error', e.code));
    for (const event of ['error', 'close']) child.stdin.on(event, () => seen.push(event));
    const returned = child.stdin.write('x', (e) => say('callback', e.name, e.code, e.errno, e.syscall, q(e.message)));
    say('write returned', returned);
    process.on('exit', () => say('stdin events', seen.join(',')));
  },
  'spawn-enotdir': () => {
    try { spawn(`${here}/x`, ['a']); say('no throw'); } catch (e) { say('threw', e.name, e.code, e.errno, e.syscall, q(e.message), 'path', e.path); }
  },
  'spawn-enoent-exit-code': () => {
    const child = spawn('nonexistent-cmd-nodespec');
    say('after spawn', child.exitCode, child.signalCode);
    child.on('error', () => say('at error', child.exitCode, child.signalCode));
  },
  'spawn-stdin': () => {
    const child = spawn('cat');
    collect(child, (out) => say('echoed', q(out)));
    child.stdin.write('hello ');
    child.stdin.end('world');
  },
  'spawn-stdin-closed': () => {
    const child = spawn('sh', ['-c', 'exec 0<&-; echo ready; exec sleep 5']);
    child.stdin.on('error', (e) => say('stdin error', e.code));
    child.stdin.on('close', () => { say('stdin close'); child.kill(); });
    child.stdout.once('data', () => {
      const returned = child.stdin.write('x', (e) => say('callback', e.name, e.code, e.errno, e.syscall, q(e.message)));
      say('write returned', returned);
    });
  },
  'spawn-stdin-after-exit': () => {
    const child = spawn('true');
    child.stdin.on('error', (e) => say('stdin error', e.code));
    child.on('exit', () => {
      const returned = child.stdin.write('x', (e) => say('callback', e.name, e.code, q(e.message)));
      say('write returned', returned);
    });
  },
  'spawn-no-shebang': () => {
    const script = join(tmpdir(), `nodespec-no-shebang-${process.pid}`);
    writeFileSync(script, 'echo "script ran with" "$@"\n', { mode: 0o755 });
    process.on('exit', () => rmSync(script, { force: true }));
    collect(spawn(script, ['a', 'b']), (out, err, code) => say('stdout', q(out), 'code', code));
  },
  'spawn-stdin-end': () => {
    const seen = [];
    const child = spawn(process.argv[3] ?? 'cat');
    child.on('error', (e) => seen.push(`error ${e.code}`));
    child.stdout?.resume();
    for (const event of ['finish', 'error', 'close']) child.stdin.on(event, () => seen.push(`stdin ${event}`));
    child.stdin.end('x', (e) => seen.push(`end callback ${e === null ? null : e.code}`));
    say('writable', child.stdin.writable);
    process.on('exit', () => say(seen.join(',')));
  },
  'spawn-pid': () => {
    const child = spawn('sh', ['-c', 'echo $$']);
    const pid = child.pid;
    collect(child, (out) => say('pid-is-child', Number.isInteger(pid) && pid > 0, Number(out.trim()) === pid));
  },
  'spawn-shell': () => collect(spawn('echo $((2+3))', { shell: true }), (out) => say('stdout', q(out))),
  // -- exec --
  'exec-shell': () => exec('echo $((1+2)) | tr 3 three', (err, out, errout) => say('error', String(err), 'stdout', q(out), 'stderr', q(errout))),
  'exec-bytes': () => {
    const n = Number(process.argv[3]);
    exec(`head -c ${n} /dev/zero`, (err, out) => say(err ? `error ${err.name} ${err.code} ${q(err.message)}` : 'ok', 'stdout-bytes', out.length));
  },
  'exec-maxbuffer-kill': () => {
    const t0 = Date.now();
    const child = exec('head -c 2000 /dev/zero; sleep 5', { maxBuffer: 1000 }, (err, out) => {
      say('error', err.code, 'stdout-bytes', out.length, 'killed', child.killed, 'prompt', Date.now() - t0 < 3000);
    });
    child.on('exit', (code, signal) => say('exit', code, signal));
  },
  'exec-maxbuffer-stderr': () => exec('head -c 2000 /dev/zero >&2', { maxBuffer: 1000 }, (err, out, errout) => say('error', err.code, q(err.message), 'stderr-bytes', errout.length)),
  'exec-nonzero': () => exec('echo bad >&2; exit 3', (err, out, errout) => say('code', err.code, 'killed', err.killed, 'signal', err.signal, 'message', q(err.message), 'stderr', q(errout))),
  'exec-missing': () => exec('nonexistent-cmd-nodespec', (err) => say('code', err.code)),
  'exec-timeout': () => {
    const t0 = Date.now();
    exec('sleep 5', { timeout: 100 }, (err) => say('code', err.code, 'killed', err.killed, 'signal', err.signal, 'prompt', Date.now() - t0 < 3000));
  },
  'exec-stdin-open': () => exec('cat', { timeout: 300 }, (err, out) => say('killed', err.killed, 'signal', err.signal, 'stdout', q(out))),
  'exec-shell-killed': () => exec('kill -TERM $$', (err) => say('code', err.code, 'killed', err.killed, 'signal', err.signal)),
  // -- execFile --
  'execfile-literal': () => {
    const marker = '/tmp/nodespec-execfile-marker';
    rmSync(marker, { force: true });
    execFile('echo', [`hi; touch ${marker}`], (err, out) => {
      say('stdout', q(out), 'marker-created', existsSync(marker));
    });
  },
  'execfile-no-expansion': () => execFile('echo', ['$HOME', '*'], (err, out) => say('stdout', q(out))),
  'execfile-enoent': () => execFile('nonexistent-cmd-nodespec', ['a'], (err, out) => say('error', err.code, err.syscall, 'stdout', q(out))),
  // -- kill --
  'kill-default': () => {
    const child = spawn('sleep', ['5']);
    child.on('exit', (code, signal) => say('exit', code, signal, 'killed', child.killed));
    child.on('spawn', () => say('kill returned', child.kill()));
  },
  'kill-signal': () => {
    const child = spawn('sleep', ['5']);
    child.on('exit', (code, signal) => say('exit', code, signal, 'signalCode', child.signalCode, 'exitCode', child.exitCode));
    child.on('spawn', () => child.kill(process.argv[3]));
  },
  'kill-unknown': () => {
    const child = spawn('sleep', ['5']);
    try { child.kill('SIGNOPE'); say('sent'); } catch (e) { say('error', e.name, e.code); }
    child.kill('SIGKILL');
  },
  'kill-after-exit': () => {
    const child = spawn('true');
    child.on('exit', () => say('kill returned', child.kill(), 'killed', child.killed));
  },
  'kill-handled': () => {
    const child = fork(here, ['child-handles-sigterm']);
    child.on('message', () => child.kill('SIGTERM'));
    child.on('exit', (code, signal) => say('exit', code, signal));
  },
  'child-handles-sigterm': () => {
    process.on('SIGTERM', () => process.exit(0));
    setInterval(() => {}, 1000);
    process.send('ready');
  },
  // -- fork and IPC --
  'fork-failed': () => {
    const child = fork(here, ['child-waits'], { execPath: '/nonexistent-nodespec/node' });
    const seen = [];
    child.on('error', (e) => seen.push(`error ${e.code} connected ${child.connected}`));
    child.on('close', (code, signal) => seen.push(`close ${code} ${signal}`));
    child.on('disconnect', () => seen.push(`disconnect connected ${child.connected}`));
    const returned = child.send('hi', (e) => seen.push(`send callback ${e.code} ${e.syscall}`));
    say('connected', child.connected, 'send returned', returned);
    process.on('exit', () => say(seen.join(',')));
  },
  'fork-roundtrip': () => {
    const child = fork(here, ['child-echo']);
    child.on('message', (m) => {
      say('parent got', m.reply, 'from-child-pid', m.pid === child.pid);
      child.disconnect();
    });
    child.on('exit', (code, signal) => say('exit', code, signal));
    child.send('ping');
  },
  'child-echo': () => process.on('message', (m) => process.send({ reply: `${m}-pong`, pid: process.pid })),
  'fork-serialize': () => {
    const values = {
      date: new Date(Date.UTC(2020, 0, 2, 3, 4, 5, 678)),
      nan: { n: NaN, i: Infinity },
      undefined: { kept: 1, dropped: undefined },
      buffer: Buffer.from('hi'),
      map: new Map([['a', 1]]),
      array: [1, undefined, 'x'],
      error: new Error('lost'),
      function: { kept: true, f() {} },
    };
    const child = fork(here, ['child-serialize']);
    child.on('message', (m) => { say('received', JSON.stringify(m)); if (child.connected) child.disconnect(); });
    child.send(values[process.argv[3]]);
  },
  'child-serialize': () => process.once('message', (m) => process.send(m)),
  'fork-disconnect': () => {
    const child = fork(here, ['child-waits']);
    child.on('message', () => {
      child.disconnect();
      say('connected', child.connected);
    });
    child.on('disconnect', () => say('parent disconnect'));
    child.on('exit', (code, signal) => say('exit', code, signal));
  },
  'child-waits': () => {
    process.on('message', () => {});
    process.send('ready');
  },
  'fork-send-after-disconnect': () => {
    const child = fork(here, ['child-waits']);
    child.on('message', () => {
      child.disconnect();
      child.send('late', (err) => say('callback error', err.code, q(err.message)));
    });
  },
  'fork-no-listener': () => {
    const child = fork(here, ['child-no-listener']);
    child.on('exit', (code, signal) => say('exit', code, signal, 'connected-at-start', true));
  },
  'child-no-listener': () => { /* no 'message' listener: the channel does not keep it alive */ },
  'fork-internal': () => {
    const child = fork(here, ['child-internal']);
    const got = [];
    child.on('message', (m) => got.push(JSON.stringify(m)));
    child.on('exit', () => say('received', got.join(' ')));
  },
  'child-internal': () => {
    process.send({ cmd: 'NODE_FOO' });
    process.send({ cmd: 'NODEX' });
    process.send('plain');
  },
  'fork-child-throws': () => {
    const child = fork(here, ['child-throws'], { silent: true });
    child.on('exit', (code, signal) => say('exit', code, signal));
  },
  'child-throws': () => { throw new Error('child failed'); },
  'fork-exit-code': () => {
    const child = fork(here, ['child-exit-code']);
    child.on('exit', (code, signal) => say('exit', code, signal));
  },
  'child-exit-code': () => { process.exitCode = 42; },
  'fork-send-server-twice': () => {
    // one listening server sent to a child, then the same server to a second child
    const server = net.createServer();
    const got = [];
    const next = (n) => {
      if (n === 2) { say('handles', got.join(' ')); server.close(); return; }
      const child = fork(here, ['child-takes-server']);
      child.on('message', (m) => got.push(m));
      child.on('exit', () => next(n + 1));
      child.send('server', server);
    };
    server.listen(0, '127.0.0.1', () => next(0));
  },
  'child-takes-server': () => process.once('message', (m, handle) => {
    process.send(handle ? handle.constructor.name : String(handle));
    if (handle) handle.close(); // the child's copy only: the parent's server keeps listening
  }),
};
cases[which]();
