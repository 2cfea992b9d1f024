// The source document suggests a WeakMap keyed by the file name: a string cannot be a weak key.
import process from 'node:process';

const status = new WeakMap();
try {
  status.set('/a.txt', 'ready');
  console.log('a string key was accepted');
} catch (err) {
  console.log(`a string key throws ${err.name}`);
}
const key = { file: '/a.txt' };
status.set(key, 'ready');
console.log(`an object key holds ${status.get(key)}`);
process.exitCode = 0;
