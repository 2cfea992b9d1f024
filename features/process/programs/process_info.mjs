// The process object: identity, environment, argv, title, stdio. Usage: process_info.mjs CASE [args...]
// Prints one observable line per fact (the twin process_info.py prints the same lines on the reference).
import { fork } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { realpathSync } from 'node:fs';

const here = fileURLToPath(import.meta.url);
const [, , which, ...rest] = process.argv;
const say = (...parts) => console.log(parts.map(String).join(' '));

const cases = {
  'pid': () => say('pid', Number.isInteger(process.pid) && process.pid > 0),
  'ppid': () => {
    const child = fork(here, ['ppid-child']);
    child.on('message', (ppid) => { say('ppid-is-parent-pid', ppid === process.pid); if (child.connected) child.disconnect(); });
  },
  'ppid-child': () => { process.send(process.ppid); },
  'cwd': () => say('cwd-is-start-directory', realpathSync(process.cwd()) === realpathSync(dirname(here))),
  'chdir': () => { process.chdir('/tmp'); say('cwd', process.cwd()); },
  'chdir-missing': () => {
    try { process.chdir('/nonexistent-dir-nodespec'); say('no error'); } catch (e) { say('error', e.code, e.syscall); }
  },
  'platform': () => say('platform', process.platform),
  'uptime': () => { const u = process.uptime(); say('uptime-seconds', typeof u === 'number' && u >= 0 && u < 10); },
  'env-number': () => { process.env.NODESPEC_X = 42; say('env', typeof process.env.NODESPEC_X, process.env.NODESPEC_X); },
  'env-undefined': () => { process.env.NODESPEC_X = undefined; say('env', typeof process.env.NODESPEC_X, process.env.NODESPEC_X); },
  'env-delete': () => { process.env.NODESPEC_X = 'a'; delete process.env.NODESPEC_X; say('env', typeof process.env.NODESPEC_X); },
  'env-inherited': () => say('env', process.env.NODESPEC_GIVEN),
  'argv-args': () => say('args', JSON.stringify(process.argv.slice(3))),
  'argv-0': () => say('argv0-is-execPath', process.argv[0] === process.execPath),
  'argv-1': () => say('argv1-is-script', realpathSync(process.argv[1]) === realpathSync(here)),
  'title': () => { process.title = 'nodespec'; say('title', process.title); },
  'title-long': () => { process.title = 'x'.repeat(10000); say('title-cut', process.title.length < 10000); },
  'id': () => say('process.id', String(process.id)),
  'next-tick-args': () => process.nextTick((a, b) => say('tick-args', a, b), 1, 2),
  'stdio': () => { process.stdout.write('to stdout\n'); process.stderr.write('to stderr\n'); },
  'warning': () => process.emitWarning('something to know'),
  'warning-listener': () => {
    process.on('warning', (w) => say('warning', w.name, w.message));
    process.emitWarning('something to know');
    say('emitted');
  },
};
cases[which]();
