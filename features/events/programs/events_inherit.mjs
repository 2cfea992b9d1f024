// The ways the source document builds a custom EventEmitter. Mode (argv[2]):
//   class            class MyEmitter extends EventEmitter {}
//   legacy           function MyEmitter() { EventEmitter.call(this) } + util.inherits(MyEmitter, EventEmitter)
//   setprototypeof   EventEmitter.call(this) + Object.setPrototypeOf on the prototype and on the constructor
//   no-init          Object.setPrototypeOf only, without EventEmitter.call(this)
import { EventEmitter } from 'node:events';
import process from 'node:process';
import util from 'node:util';

const mode = process.argv[2];
let MyEmitter;
if (mode === 'class') {
  MyEmitter = class MyEmitter extends EventEmitter {};
} else if (mode === 'legacy') {
  MyEmitter = function MyEmitter() { EventEmitter.call(this); };
  util.inherits(MyEmitter, EventEmitter);
  console.log('inherits from EventEmitter:', MyEmitter.super_ === EventEmitter);
} else if (mode === 'setprototypeof') {
  MyEmitter = function MyEmitter() { EventEmitter.call(this); };
  Object.setPrototypeOf(MyEmitter.prototype, EventEmitter.prototype);
  Object.setPrototypeOf(MyEmitter, EventEmitter);
  console.log('static defaultMaxListeners:', MyEmitter.defaultMaxListeners);
  console.log('static listenerCount is inherited:', MyEmitter.listenerCount === EventEmitter.listenerCount);
} else if (mode === 'no-init') {
  MyEmitter = function MyEmitter() {};
  Object.setPrototypeOf(MyEmitter.prototype, EventEmitter.prototype);
}

const emitter = new MyEmitter();
console.log('instance of EventEmitter:', emitter instanceof EventEmitter);
let self;
emitter.on('event', function (a, b) { self = this; console.log('listener got:', a, b); });
console.log('emit returned:', emitter.emit('event', 'a', 'b'));
console.log('this is the instance:', self === emitter);
console.log('listener count:', emitter.listenerCount('event'));
