// What a bundler injects into browser code written for Node (esbuild --inject): npm's process and buffer
// for the free variables `process` and `Buffer`.
import process from 'process/browser.js';
import { Buffer } from 'buffer';

export { process, Buffer };
