// The process object where Node.js lines differ, and the source document's remaining process claims;
// one case per run. Usage: process_lines.mjs CASE [ARG]
import childProcess, { fork } from 'node:child_process';
import crypto from 'node:crypto';
import events, { EventEmitter } from 'node:events';
import net from 'node:net';
import processModule from 'node:process';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);
const say = (...parts) => console.log(parts.map(String).join(' '));
const q = (s) => JSON.stringify(s);
const which = process.argv[2];
const warnings = [];
process.on('warning', (w) => warnings.push(w));
const codes = () => (warnings.length ? warnings.map((w) => `${w.name} ${w.code}`).join(',') : 'none');

const exitCodeValues = { 'string-1': '1', 'hex-string': '0x10', null: null, 'two-pow-31': 2 ** 31 };

const cases = {
  // -- what changed between lines --
  'exit-code-reads': () => {
    process.exitCode = exitCodeValues[process.argv[3]];
    const v = process.exitCode;
    say('exitCode', typeof v, typeof v === 'string' ? q(v) : String(v));
  },
  'exit-listener-code': () => {
    process.on('exit', (code) => say('exit', typeof code, code));
    process.exit('2');
  },
  assert: () => {
    const kind = typeof process.assert;
    let threw = '';
    if (kind === 'function') {
      process.assert(true);
      try { process.assert(false, 'nope'); } catch (e) { threw = ` throws ${e.name} ${e.code} ${e.message}`; }
    }
    setImmediate(() => say(`process.assert ${kind}${threw} warnings ${codes()}`));
  },
  typeof: () => say(`process.${process.argv[3]}`, typeof process[process.argv[3]]),
  execve: () => {
    process.on('exit', () => say('exit listener ran'));
    say('before execve');
    process.execve('/bin/sh', ['sh', '-c', `echo "after execve, same pid: $([ $$ = ${process.pid} ] && echo true || echo false)"`]);
    say('after the call');
  },
  'execve-env': () => process.execve('/usr/bin/env', ['env'], { ONLY: 'this' }),
  'execve-missing': () => {
    try {
      process.execve('/nonexistent/nodespec', ['x']);
    } catch (e) { say('threw', e.name, e.code, e.syscall, e.message); }
  },
  'unref-timer': () => {
    const timer = setTimeout(() => say('timer ran'), 5000);
    process.unref(timer);
    say('unref returned');
  },
  'ref-timer': () => {
    const timer = setTimeout(() => say('timer ran'), 20);
    timer.unref();
    process.ref(timer);
  },
  'ref-plain': () => { process.ref({}); process.unref(5); say('nothing to ref: no error'); },
  'thread-cpu-usage': () => {
    const usage = process.threadCpuUsage();
    const since = process.threadCpuUsage(usage);
    const now = process.threadCpuUsage();
    say('keys', Object.keys(usage).join(','), 'integers', [usage.user, usage.system, since.user, since.system].every(Number.isInteger),
      'a difference', since.user >= 0 && since.system >= 0 && since.user <= now.user && since.system <= now.system);
    try { process.threadCpuUsage({ user: -1, system: 0 }); } catch (e) { say('error', e.name, e.code, e.message); }
  },
  'builtin-modules': () => {
    const get = process.getBuiltinModule;
    say('events', get('node:events') === events, 'unprefixed', get('events') === events,
      'crypto', get('node:crypto') === crypto, 'child_process', get('node:child_process') === childProcess,
      'process', get('node:process') === process);
  },
  'builtin-modules-unknown': () => say(['nope', 'node:nope', 'test', './x.js'].map((id) => `${id} ${typeof process.getBuiltinModule(id)}`).join(', ')),
  'builtin-modules-bad-id': () => {
    try { process.getBuiltinModule(5); } catch (e) { say('error', e.name, e.code, e.message); }
  },
  'no-deprecation': () => {
    process.noDeprecation = true;
    process.emitWarning('old API', 'DeprecationWarning', 'DEP0XXX');
    process.emitWarning('something else');
    setImmediate(() => say('warnings', warnings.map((w) => `${w.name} ${w.message}`).join(',') || 'none'));
  },
  'throw-deprecation': () => {
    process.throwDeprecation = true;
    process.on('exit', (code) => say('exit', code));
    process.emitWarning('old API', 'DeprecationWarning', 'DEP0XXX');
    say('emitWarning returned');
  },
  // -- the source document's claims --
  'net-server-without-new': () => {
    const server = net.Server();
    say('instanceof Server', server instanceof net.Server, 'instanceof EventEmitter', server instanceof EventEmitter);
  },
  'global-process': () => say('global process is the process module', globalThis.process === processModule),
  'send-without-ipc': () => say('process.send', typeof process.send, 'process.connected', process.connected),
  'send-in-fork': () => {
    const child = fork(here, ['child-send']);
    child.on('message', (m) => say('child says', m));
  },
  'child-send': () => {
    process.send(`process.send ${typeof process.send}`, () => process.disconnect());
  },
  'fork-fresh-globals': () => {
    globalThis.setInParent = 'parent';
    const child = fork(here, ['child-globals']);
    child.on('message', (m) => say('child sees setInParent', m.seen, 'own pid', m.pid !== process.pid && m.pid === child.pid));
  },
  'child-globals': () => {
    process.send({ seen: typeof globalThis.setInParent, pid: process.pid }, () => process.disconnect());
  },
  'console-time': () => {
    // console writes through process.stdout.write: capture what timeEnd prints, then say whether it is
    // "label: N ms" (the duration varies).
    const write = process.stdout.write;
    let printed = '';
    process.stdout.write = (chunk) => { printed += chunk; return true; };
    console.time('计算耗时');
    console.timeEnd('计算耗时');
    console.timeEnd('没有');
    process.stdout.write = write;
    say('timeEnd printed label and milliseconds', /^计算耗时: \d+(\.\d+)?ms\n$/.test(printed));
    setImmediate(() => warnings.forEach((w) => say('warning', w.name, w.message)));
  },
  'blocked-timer': () => {
    const t0 = Date.now();
    setTimeout(() => say('timer ran after the loop', Date.now() - t0 >= 300), 10);
    while (Date.now() - t0 < 300) { /* the one JavaScript thread is busy */ }
    say('loop done');
  },
};
cases[which]();
