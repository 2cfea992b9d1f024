@events
Feature: Events are synchronous; deferral is explicit
  "Is an event asynchronous?" No: emit() calls every listener before it returns. A listener that wants
  to act later defers: process.nextTick callbacks run first, then promise callbacks (microtasks), then
  setImmediate. events.once() turns the next event into a promise.

  Background:
    Given e = new EventEmitter()

  @claim:events-08 @claim:events-24
  Scenario: a listener runs before the code that follows emit (the document prints 111 then 222)
    Given listener A does: log "111"
    When e.on("test", A)
    And in one synchronous turn:
      """
      e.emit("test")
      log "222"
      """
    Then the trace is:
      | A()       |
      | log "111" |
      | log "222" |

  @claim:events-09 @claim:events-24
  Scenario: a listener that defers with setImmediate acts after the code that follows emit (222 then 111)
    Given listener A does: setImmediate { log "111" }
    When e.on("test", A)
    And in one synchronous turn:
      """
      e.emit("test")
      log "222"
      """
    Then after the event loop settles, the trace is:
      | A()       |
      | log "222" |
      | log "111" |

  @claim:events-09
  Scenario: a listener that defers with process.nextTick acts after the code that follows emit
    Given listener A does: nextTick { log "111" }
    When e.on("test", A)
    And in one synchronous turn:
      """
      e.emit("test")
      log "222"
      """
    And the event loop settles
    Then the trace is:
      | A()       |
      | log "222" |
      | log "111" |

  @claim:events-10
  Scenario: deferred work runs in the order nextTick, promise callbacks, setImmediate
    Given listener A does: setImmediate { log "immediate" }; promise { log "promise" }; nextTick { log "nextTick" }; queueMicrotask { log "microtask" }
    When e.on("test", A)
    And e.emit("test")
    And the event loop settles
    Then the trace is:
      | A()             |
      | log "nextTick"  |
      | log "promise"   |
      | log "microtask" |
      | log "immediate" |

  @claim:events-10
  Scenario: a nextTick queued by a promise callback runs after the other promise callbacks
    Given listener A does: promise { log "promise 1"; nextTick { log "tick from promise" } }; promise { log "promise 2" }
    When e.on("test", A)
    And e.emit("test")
    And the event loop settles
    Then the trace is:
      | A()                     |
      | log "promise 1"         |
      | log "promise 2"         |
      | log "tick from promise" |

  Scenario: an event emitted from a deferred callback reaches the listeners registered by then
    Given listener A does: nextTick { e.emit("later", "x") }
    When e.on("now", A)
    And in one synchronous turn:
      """
      e.emit("now")
      e.on("later", B)
      """
    And the event loop settles
    Then the trace is:
      | A()    |
      | B("x") |

  Scenario: events.once resolves with the list of the event's arguments
    When p = EventEmitter.once(e, "ready")
    And e.emit("ready", 1, 2)
    Then the promise p resolves to [1, 2]

  Scenario: events.once holds one listener for the event and one for 'error' while it waits
    When p = EventEmitter.once(e, "ready")
    Then e.listenerCount("ready") is 1
    And e.listenerCount("error") is 1

  Scenario: events.once removes its listeners once it has resolved
    When p = EventEmitter.once(e, "ready")
    And e.emit("ready")
    Then e.eventNames() is []

  Scenario: events.once rejects when 'error' is emitted first
    When p = EventEmitter.once(e, "ready")
    And e.emit("error", new Error("failed"))
    Then the promise p rejects with an Error without a code, with the message "failed"
    And e.eventNames() is []

  Scenario: events.once(emitter, 'error') resolves with the error
    When p = EventEmitter.once(e, "error")
    And e.emit("error", "bad")
    Then the promise p resolves to ["bad"]

  Scenario: events.once resolves after the synchronous emit has returned
    When p = EventEmitter.once(e, "ready")
    And p.then(A)
    And in one synchronous turn:
      """
      e.emit("ready", "v")
      log "emit returned"
      """
    Then after the event loop settles, the trace is:
      | log "emit returned" |
      | A(["v"])            |

  Scenario: captureRejections is off by default
    Then EventEmitter.captureRejections is false

  Scenario: captureRejectionSymbol is Symbol.for('nodejs.rejection')
    Then EventEmitter.captureRejectionSymbol is Symbol("nodejs.rejection")

  Scenario: a captureRejections option that is not a boolean throws ERR_INVALID_ARG_TYPE
    When I try new EventEmitter({"captureRejections": "yes"})
    Then it throws ERR_INVALID_ARG_TYPE (TypeError)

  @program
  Scenario: with captureRejections an async listener's rejection becomes an 'error' event after emit returned
    When the program "events_capture" runs with "capture"
    Then the program exits with code 0
    And the program prints:
      """
      emit returned true
      error event: async boom
      """

  @program
  Scenario: without captureRejections an async listener's rejection is unhandled and ends the process with code 1
    When the program "events_capture" runs with "plain"
    Then the program exits with code 1
    And the program prints:
      """
      emit returned true
      """
    And the program's stderr contains "async boom"

  @program
  Scenario: EventEmitter.captureRejections = true makes emitters created afterwards capture rejections
    When the program "events_capture" runs with "global"
    Then the program exits with code 0
    And the program prints:
      """
      emit returned true
      error event: async boom
      """

  @program
  Scenario: EventEmitter.captureRejections = true leaves an emitter created before it as it was: its rejection is unhandled
    When the program "events_capture" runs with "global-late"
    Then the program exits with code 1
    And the program prints:
      """
      emit returned true
      """
    And the program's stderr contains "async boom"

  @program
  Scenario: without captureRejections the rejection of one of two async 'error' listeners is unhandled and ends the process
    When the program "events_capture" runs with "error-listeners"
    Then the program exits with code 1
    And the program prints:
      """
      first error listener: x
      second error listener: x
      emit returned true
      """
    And the program's stderr contains "first boom"

  @program
  Scenario: with captureRejections a second rejection after the first one's 'error' is captured as well
    When the program "events_capture" runs with "capture-twice"
    Then the program exits with code 0
    And the program prints:
      """
      emit returned true
      error event: async boom
      emit returned true
      error event: async boom
      """

  @program
  Scenario: with captureRejections an async 'error' listener's own rejection is not captured again: it is unhandled
    When the program "events_capture" runs with "error-rejects"
    Then the program exits with code 1
    And the program prints:
      """
      emit returned true
      error event: async boom
      """
    And the program's stderr contains "error boom"

  @program
  Scenario: with captureRejections a Symbol.for('nodejs.rejection') method receives the rejection instead of 'error'
    When the program "events_capture" runs with "handler"
    Then the program exits with code 0
    And the program prints:
      """
      emit returned true
      rejection handler: async boom for work with 1,2
      """
