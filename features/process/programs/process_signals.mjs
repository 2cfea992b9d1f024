// Signals sent to the process itself. Usage: process_signals.mjs CASE [SIGNAL]
const say = (...parts) => console.log(parts.map(String).join(' '));
const [, , which, sig] = process.argv;
const cases = {
  'listener': () => {
    process.on(sig, (name, number) => say('received', name, number));
    process.kill(process.pid, sig);
    setTimeout(() => say('still alive'), 200);
  },
  'default': () => {
    process.kill(process.pid, sig);
    setTimeout(() => say('still alive'), 2000);
  },
  'uncatchable': () => {
    try { process.on(sig, () => {}); say('accepted'); } catch (e) { say('error', e.code, e.syscall); }
  },
  'unknown': () => {
    try { process.kill(process.pid, 'SIGNOPE'); say('sent'); } catch (e) { say('error', e.name, e.code); }
  },
  'no-keepalive': () => { process.on('SIGINT', () => say('interrupted')); say('main done'); },
};
cases[which]();
