// A polyfill that only re-exports Node's own EventEmitter: it must pass everything applicable.
module.exports = require('node:events');
