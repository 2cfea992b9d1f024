@events
Feature: events.on: an emitter's events as an async iterator, and the static helpers
  EventEmitter.on(emitter, name) returns an async iterator: each next() resolves with the arguments
  of one emit, in order; emits that come before a next() are queued; an 'error' event rejects the
  pending next() and ends the iterator; return() ends it and removes its listeners. The static
  getMaxListeners, listenerCount and getEventListeners take the emitter as their first argument.

  Background:
    Given e = new EventEmitter()

  Scenario: events.on listens for the event and for 'error' while it iterates
    When iter = EventEmitter.on(e, "x")
    Then e.listenerCount("x") is 1
    And e.listenerCount("error") is 1

  Scenario: a pending next() resolves with the arguments of the next emit
    When iter = EventEmitter.on(e, "x")
    And p = iter.next()
    And e.emit("x", 1, 2)
    Then the promise p resolves to {value: [1, 2], done: false}

  Scenario: emits that come before next() are queued and given in order
    When iter = EventEmitter.on(e, "x")
    And e.emit("x", 3)
    And e.emit("x", 4)
    And p1 = iter.next()
    And p2 = iter.next()
    Then the promise p1 resolves to {value: [3], done: false}
    And the promise p2 resolves to {value: [4], done: false}

  Scenario: return() ends the iterator and removes its listeners
    When iter = EventEmitter.on(e, "x")
    And p1 = iter.return()
    And p2 = iter.next()
    Then the promise p1 resolves to {value: undefined, done: true}
    And the promise p2 resolves to {value: undefined, done: true}
    And e.listenerCount("x") is 0
    And e.listenerCount("error") is 0

  Scenario: an 'error' event rejects the pending next() and ends the iterator
    When iter = EventEmitter.on(e, "x")
    And p1 = iter.next()
    And e.emit("error", new Error("bad"))
    Then the promise p1 rejects with an Error without a code, with the message "bad"
    When p2 = iter.next()
    Then the promise p2 resolves to {value: undefined, done: true}
    And e.listenerCount("x") is 0

  Scenario: an 'error' event before any next() rejects the first next()
    When iter = EventEmitter.on(e, "x")
    And e.emit("error", new Error("early"))
    And p1 = iter.next()
    Then the promise p1 rejects with an Error without a code, with the message "early"

  Scenario: the static getMaxListeners(emitter) is the emitter's limit
    Then EventEmitter.getMaxListeners(e) is 10
    When e.setMaxListeners(3)
    Then EventEmitter.getMaxListeners(e) is 3

  Scenario: the static listenerCount(emitter, name) counts the emitter's listeners
    When e.on("x", A)
    And e.on("x", B)
    Then EventEmitter.listenerCount(e, "x") is 2
    And EventEmitter.listenerCount(e, "y") is 0

  Scenario Outline: EventEmitter.<call> of a plain object throws ERR_INVALID_ARG_TYPE (TypeError)
    When I try EventEmitter.<call>
    Then it throws ERR_INVALID_ARG_TYPE (TypeError)
    And the error's message is 'The "emitter" argument must be an instance of EventEmitter or EventTarget. Received an instance of Object'

    Examples:
      | call                        |
      | getEventListeners({}, "x")  |
      | getMaxListeners({})         |

  Scenario: EventEmitter.usingDomains is false
    Then EventEmitter.usingDomains is false

  Scenario: return() resolves a pending next() as done
    When iter = EventEmitter.on(e, "x")
    And p1 = iter.next()
    And p2 = iter.return()
    Then the promise p1 resolves to {value: undefined, done: true}
    And the promise p2 resolves to {value: undefined, done: true}

  Scenario: a promise chained with then(A) rejects as events.once does when A is not a rejection handler
    When p = EventEmitter.once(e, "x")
    And q = p.then(A)
    And e.emit("error", new Error("bad"))
    Then the promise q rejects with an Error without a code, with the message "bad"

  Scenario: catch(A) of events.once's rejected promise calls A with the error and resolves with what A returns
    Given listener A does: return 7
    When p = EventEmitter.once(e, "x")
    And q = p.catch(A)
    And e.emit("error", new Error("bad"))
    Then the promise q resolves to 7
    And the trace is:
      | A(new Error("bad")) |

  Scenario: a then(A) whose A throws rejects with what A threw
    Given listener A does: throw new Error("from A")
    When p = EventEmitter.once(e, "x")
    And q = p.then(A)
    And e.emit("x", 1)
    Then the promise q rejects with an Error without a code, with the message "from A"

  Scenario: a then(A) whose A returns a promise follows that promise
    Given p2 = EventEmitter.once(e, "y")
    And listener A does: return p2
    When p = EventEmitter.once(e, "x")
    And q = p.then(A)
    And e.emit("x", 1)
    And e.emit("y", 2)
    Then the promise q resolves to [2]

  Scenario: the promise of events.once chains: then(A) resolves with what A returns
    Given listener A does: return 5
    When p = EventEmitter.once(e, "x")
    And q = p.then(A)
    And e.emit("x", 1)
    Then the promise q resolves to 5
    And the trace is:
      | A([1]) |
