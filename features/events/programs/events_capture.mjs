// An async listener that rejects. Mode (argv[2]):
//   capture  new EventEmitter({ captureRejections: true }): the rejection becomes an 'error' event
//   plain    no capture: an unhandled rejection, which ends the process with code 1
//   handler  capture, and the emitter defines [Symbol.for('nodejs.rejection')]: it gets the rejection
//   global   EventEmitter.captureRejections = true before the emitter is made without options: capture
//   global-late  EventEmitter.captureRejections = true after the emitter was made: it does not capture
//   error-listeners  no capture, two async 'error' listeners, the first rejects: an unhandled rejection
//   capture-twice  capture, and a second emit after the first rejection's 'error': captured again
//   error-rejects  capture, and the 'error' listener is async and rejects too: that rejection is not
//                  captured again (an unhandled rejection, which ends the process with code 1)
import { EventEmitter } from 'node:events';
import process from 'node:process';

const mode = process.argv[2];
const capture = mode === 'capture' || mode === 'handler' || mode === 'error-rejects' || mode === 'capture-twice';
if (mode === 'global') EventEmitter.captureRejections = true;
const emitter = mode === 'global' || mode === 'global-late' ? new EventEmitter() : new EventEmitter({ captureRejections: capture });
if (mode === 'global-late') EventEmitter.captureRejections = true;
if (mode === 'handler') {
  emitter[Symbol.for('nodejs.rejection')] = (err, event, ...args) => {
    console.log('rejection handler:', err.message, 'for', event, 'with', args.join(','));
  };
}
emitter.on('work', async () => {
  throw new Error('async boom');
});
if (mode === 'error-rejects') {
  emitter.on('error', async (err) => {
    console.log('error event:', err.message);
    throw new Error('error boom');
  });
} else if (capture || mode.startsWith('global')) emitter.on('error', (err) => console.log('error event:', err.message));
if (mode === 'error-listeners') {
  emitter.on('error', async (err) => {
    console.log('first error listener:', err.message);
    throw new Error('first boom');
  });
  emitter.on('error', async (err) => console.log('second error listener:', err.message));
  setTimeout(() => console.log('emit returned', emitter.emit('error', new Error('x'))), 0);
} else if (mode === 'capture-twice') {
  setTimeout(() => console.log('emit returned', emitter.emit('work', 1, 2)), 0);
  setTimeout(() => console.log('emit returned', emitter.emit('work', 3)), 20);
} else {
  setTimeout(() => {
    console.log('emit returned', emitter.emit('work', 1, 2));
  }, 0);
}
