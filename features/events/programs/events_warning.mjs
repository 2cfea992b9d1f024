// The warnings of a listener leak, as a process 'warning' listener receives them: their own properties
// besides the message. Mode (argv[2]):
//   emitter  an EventEmitter with a limit of 1: three listeners for a string event and for a symbol event
//            (one MaxListenersExceededWarning each: name, emitter, type, count)
//   target   an EventTarget with a limit of 1 (events.setMaxListeners): three 'foo' listeners, then a null
//            listener for 'bar' (MaxListenersExceededWarning: target, type, count; the null listener's
//            AddEventListenerArgumentTypeWarning: target, type)
import { EventEmitter, setMaxListeners } from 'node:events';
import process from 'node:process';
import util from 'node:util';

const mode = process.argv[2];
if (mode === 'emitter') {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(1);
  process.on('warning', (w) => {
    console.log(w.name, util.inspect(w.type), w.count, w.emitter === emitter, w instanceof Error, w.code);
  });
  for (const type of ['foo', Symbol('sym')]) {
    for (let i = 0; i < 3; i++) emitter.on(type, () => {});
  }
} else if (mode === 'target') {
  const target = new EventTarget();
  setMaxListeners(1, target);
  process.on('warning', (w) => {
    console.log(w.name, util.inspect(w.type), w.count, w.target === target, w.emitter, w instanceof Error, w.code);
  });
  for (let i = 0; i < 3; i++) target.addEventListener('foo', () => {});
  target.addEventListener('bar', null);
}
