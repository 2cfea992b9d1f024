// node:child_process behaviours that differ between Node.js lines, one case per run. Usage:
// child_lines.mjs CASE. Each case prints what it observed, then the process warnings it got
// ("warnings none", or "warnings NAME CODE,…"), once the warnings of its turn have been emitted.
import { spawn, execFile, exec, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);
const say = (...parts) => console.log(parts.map(String).join(' '));
const q = (s) => JSON.stringify(s);
const which = process.argv[2];

const warnings = [];
process.on('warning', (w) => warnings.push(w));
const sayWarnings = () => say('warnings', warnings.length ? warnings.map((w) => `${w.name} ${w.code}`).join(',') : 'none');
// process.emitWarning emits on a later tick: a setImmediate callback runs after it.
const thenWarnings = () => setImmediate(sayWarnings);

const output = (child, done) => {
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  child.on('close', () => done(out));
};

const cases = {
  'shell-args': () => output(spawn('echo', ['a', 'b'], { shell: true }), (out) => { say('stdout', q(out)); thenWarnings(); }),
  'execfile-shell-args': () => execFile('echo', ['a', 'b'], { shell: true }, (err, out) => { say('stdout', q(out)); thenWarnings(); }),
  'shell-no-args': () => output(spawn('echo a b', [], { shell: true }), (out) => { say('stdout', q(out)); thenWarnings(); }),
  'exec-command-line': () => exec('echo a b', (err, out) => { say('stdout', q(out)); thenWarnings(); }),
  'shell-args-message': () => {
    spawn('true', ['x'], { shell: true });
    setImmediate(() => warnings.forEach((w) => say(w.name, w.code, w.message)));
  },
  'shell-args-twice': () => {
    spawn('true', ['x'], { shell: true });
    execFile('true', ['y'], { shell: '/bin/sh' }, () => {});
    setImmediate(() => say('DEP0190 warnings', warnings.filter((w) => w.code === 'DEP0190').length));
  },
  'fork-channel': () => {
    const child = fork(here, ['child-channel']);
    say('parent typeof _channel', typeof child._channel, 'is channel', child._channel === child.channel);
    child.on('message', (m) => say('child', m));
    child.on('close', () => sayWarnings());
  },
  'child-channel': () => {
    const line = `typeof _channel ${typeof process._channel} is channel ${process._channel === process.channel}`;
    setImmediate(() => {
      process.send(`${line} warnings ${warnings.length ? warnings.map((w) => w.code).join(',') : 'none'}`, () => process.disconnect());
    });
  },
  'bad-option': () => {
    const [option, raw] = process.argv.slice(3);
    const value = raw === "'x'" ? 'x' : Number(raw);
    try {
      if (option === 'maxBuffer') execFile('true', [], { maxBuffer: value }, () => {});
      else spawn('true', [], { [option]: value });
      say('no error');
    } catch (e) { say('error', e.name, e.code, e.message); }
  },
  // -- the source document's claims --
  'spawn-command-line': () => {
    const child = spawn('echo hello');
    child.on('error', (e) => say('error', e.code, q(e.message)));
    child.on('close', (code, signal) => say('close', code, signal));
  },
  'spawn-program-and-args': () => output(spawn('echo', ['hello']), (out) => say('stdout', q(out))),
  'execfile-version': () => execFile(process.execPath, ['-v'], (error, stdout, stderr) => {
    say('error', error, 'stdout is the version and a newline', stdout === `${process.version}\n`, 'stderr', q(stderr));
  }),
  'fork-missing-module': () => {
    const child = fork('./for_compute.js', [], { silent: true });
    let err = '';
    child.stderr.on('data', (d) => { err += d; });
    child.on('message', (m) => say('message', m));
    child.on('close', (code, signal) => say('close', code, signal, 'Cannot find module', err.includes('Cannot find module')));
  },
  'single-quoted-sum': () => {
    const compute = fork(here, ['child-sum']);
    compute.on('message', (sum) => {
      say('answer', 'Sum is ${sum}', 'sum', sum);
      compute.kill();
    });
  },
  'child-sum': () => {
    let sum = 0;
    for (let i = 0; i < 10; i++) sum += i;
    process.send(sum);
  },
};
cases[which]();
