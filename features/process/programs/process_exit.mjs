// Ways a process ends and the code it ends with. Usage: process_exit.mjs CASE
const say = (...parts) => console.log(parts.map(String).join(' '));
const which = process.argv[2];
const watch = () => {
  process.on('beforeExit', (code) => say('beforeExit', code));
  process.on('exit', (code) => say('exit', code));
};
const cases = {
  'normal': () => { watch(); say('main done'); },
  'exit-code': () => { watch(); process.exitCode = 7; },
  'exit-call': () => { watch(); process.exit(3); say('after exit'); },
  'uncaught': () => { watch(); throw new Error('boom from main'); },
  'uncaught-handler': () => {
    watch();
    // The timer set before the throw says it still runs once the handler has had the error: it waits
    // for the handler, not for a lead of 10 ms that a loaded runtime may not give it (Deno once).
    let handled;
    const caught = new Promise((resolve) => { handled = resolve; });
    process.on('uncaughtException', (err, origin) => { say('caught', err.message, origin); handled(); });
    setTimeout(() => caught.then(() => say('still running')), 10);
    throw new Error('boom');
  },
  'uncaught-handler-timer': () => {
    watch();
    process.on('uncaughtException', (err, origin) => say('caught', err.message, origin));
    setTimeout(() => { throw new Error('boom in a timer'); }, 0);
    setTimeout(() => say('still running'), 20);
  },
  'exit-listener-defers': () => {
    process.on('exit', (code) => {
      setTimeout(() => say('timer ran'), 0);
      process.nextTick(() => say('tick ran'));
      say('exit', code);
    });
  },
  'exit-in-exit-listener': () => {
    process.once('exit', (code) => { say('exit listener got', code); process.exit(0); });
    throw new Error('boom from main');
  },
  'exit-code-string': () => {
    try { process.exitCode = 'abc'; say('accepted'); } catch (e) { say('error', e.name, e.code); }
  },
  'exit-code-fraction': () => {
    try { process.exitCode = 1.5; say('accepted'); } catch (e) { say('error', e.name, e.code); }
  },
  'exit-listener-throws': () => {
    process.on('exit', () => { throw new Error('thrown in exit'); });
    const how = process.argv[3];
    if (how === 'exit-code-3') process.exitCode = 3;
    if (how === 'exit-0') process.exit(0);
  },
};
cases[which]();
