// Signals sent to the process itself. Usage: process_signals.mjs CASE [SIGNAL]
const say = (...parts) => console.log(parts.map(String).join(' '));
const [, , which, sig] = process.argv;
const cases = {
  'listener': () => {
    // The loop is kept alive until the handler has run (however late the signal comes under load); the
    // handler lets it end, and a later callback still runs: the process was not killed.
    const alive = setTimeout(() => {}, 60_000);
    process.on(sig, (name, number) => {
      say('received', name, number);
      clearTimeout(alive);
      setTimeout(() => say('still alive'), 0);
    });
    process.kill(process.pid, sig);
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
