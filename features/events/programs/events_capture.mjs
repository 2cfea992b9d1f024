// An async listener that rejects. Mode (argv[2]):
//   capture  new EventEmitter({ captureRejections: true }): the rejection becomes an 'error' event
//   plain    no capture: an unhandled rejection, which ends the process with code 1
//   handler  capture, and the emitter defines [Symbol.for('nodejs.rejection')]: it gets the rejection
import { EventEmitter } from 'node:events';
import process from 'node:process';

const mode = process.argv[2];
const capture = mode === 'capture' || mode === 'handler';
const emitter = new EventEmitter({ captureRejections: capture });
if (mode === 'handler') {
  emitter[Symbol.for('nodejs.rejection')] = (err, event, ...args) => {
    console.log('rejection handler:', err.message, 'for', event, 'with', args.join(','));
  };
}
emitter.on('work', async () => {
  throw new Error('async boom');
});
if (capture) emitter.on('error', (err) => console.log('error event:', err.message));
setTimeout(() => {
  console.log('emit returned', emitter.emit('work', 1, 2));
}, 0);
