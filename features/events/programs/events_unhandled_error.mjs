// An 'error' event nobody handles, and the ways to survive one. Mode: argv[2].
//   error            emit('error', new Error('kaboom')) with no listener: exit 1, stack on stderr
//   string           emit('error', 'just a string'): ERR_UNHANDLED_ERROR, exit 1
//   uncaught-handler a process 'uncaughtException' listener keeps the process alive
//   listener         an 'error' listener handles it
//   try              a try/catch around emit catches it
import { EventEmitter } from 'node:events';
import process from 'node:process';

const mode = process.argv[2];
const emitter = new EventEmitter();
process.on('exit', (code) => console.log('exit', code));
console.log('before');

setTimeout(() => {
  if (mode === 'error') {
    emitter.emit('error', new Error('kaboom'));
  } else if (mode === 'string') {
    emitter.emit('error', 'just a string');
  } else if (mode === 'uncaught-handler') {
    process.on('uncaughtException', (err) => console.log('caught', err.message));
    setTimeout(() => console.log('still alive'), 5);
    emitter.emit('error', new Error('kaboom'));
  } else if (mode === 'listener') {
    emitter.on('error', (err) => console.log('handled', err.message));
    emitter.emit('error', new Error('kaboom'));
  } else if (mode === 'try') {
    try {
      emitter.emit('error', new Error('kaboom'));
    } catch (err) {
      console.log('caught', err.message);
    }
  }
  console.log('after');
}, 0);
