// An AbortSignal's 'abort' event, as a listener receives it and as it is once dispatched. Mode (argv[2]):
//   trusted          a fresh signal (not aborted, no reason), then the event it dispatches to its 'abort' listener
//   already-aborted  the call events.addAbortListener makes for a signal that has already aborted (on a
//                    microtask: no argument up to Node 24, an 'abort' event from Node 26)
import { addAbortListener } from 'node:events';
import process from 'node:process';

const mode = process.argv[2];
const controller = new AbortController();
const signal = controller.signal;
let seen;

function listener(...args) {
  seen = args[0];
  if (args.length === 0) {
    console.log('arguments=0');
    return;
  }
  console.log(`${seen.type} trusted=${seen.isTrusted} target=${seen.target === signal} phase=${seen.eventPhase}`);
}

function after() {
  if (seen === undefined) console.log('after no event');
  else console.log(`after phase=${seen.eventPhase} currentTarget=${seen.currentTarget}`);
}

if (mode === 'trusted') {
  console.log(`before aborted=${signal.aborted} reason=${signal.reason}`);
  signal.addEventListener('abort', listener);
  controller.abort();
  after();
} else if (mode === 'already-aborted') {
  controller.abort();
  addAbortListener(signal, listener);
  setTimeout(after, 0);
}
