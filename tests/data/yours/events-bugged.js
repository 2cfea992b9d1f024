// Node's EventEmitter with three planted bugs.
const Base = require('node:events');

class EventEmitter extends Base {
  // Bug 1: a once listener is removed after it was called, not before.
  once(type, listener) {
    const self = this;
    function wrapper(...args) {
      const result = listener.apply(self, args);
      self.removeListener(type, wrapper);
      return result;
    }
    wrapper.listener = listener;
    return this.on(type, wrapper);
  }

  // Bug 2: an unhandled 'error' returns false instead of throwing.
  emit(type, ...args) {
    if (type === 'error' && this.listenerCount('error') === 0) return false;
    return super.emit(type, ...args);
  }

  // Bug 3: removeAllListeners() without an event name emits no 'removeListener'.
  removeAllListeners(type) {
    if (arguments.length === 0) {
      this._events = Object.create(null);
      this._eventsCount = 0;
      return this;
    }
    return super.removeAllListeners(type);
  }
}
EventEmitter.EventEmitter = EventEmitter;
module.exports = EventEmitter;
