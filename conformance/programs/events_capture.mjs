// An async listener that rejects. Mode (argv[2]):
//   capture  new EventEmitter({ captureRejections: true }): the rejection becomes an 'error' event
//   plain    no capture: an unhandled rejection, which ends the process with code 1
import { EventEmitter } from 'node:events';
import process from 'node:process';

const capture = process.argv[2] === 'capture';
const emitter = new EventEmitter({ captureRejections: capture });
emitter.on('work', async () => {
  throw new Error('async boom');
});
if (capture) emitter.on('error', (err) => console.log('error event:', err.message));
setTimeout(() => {
  console.log('emit returned', emitter.emit('work'));
}, 0);
