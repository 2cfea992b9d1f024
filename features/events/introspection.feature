@events
Feature: Looking at an emitter's listeners
  listenerCount, listeners, rawListeners and eventNames. Event names are the keys of a JavaScript
  object: non-symbol names become strings, and eventNames() follows Reflect.ownKeys order (integer-like
  names ascending, then other strings in insertion order, then symbols).

  Background:
    Given e = new EventEmitter()

  Scenario: listenerCount of an event without listeners is 0
    Then e.listenerCount("nothing") is 0

  Scenario: listeners of an event without listeners is an empty list
    Then e.listeners("nothing") is []
    And e.rawListeners("nothing") is []

  Scenario: a new emitter has no event names
    Then e.eventNames() is []

  Scenario: eventNames lists string names in insertion order
    When e.on("x", A)
    And e.on("y", B)
    And e.on("x", C)
    Then e.eventNames() is ["x", "y"]

  Scenario: eventNames puts integer-like names first, ascending, then strings, then symbols
    When e.on("b", A)
    And e.on(Symbol("s1"), A)
    And e.on("a", A)
    And e.on("10", A)
    And e.on("2", A)
    And e.on(Symbol("s2"), A)
    Then e.eventNames() is ["2", "10", "b", "a", Symbol("s1"), Symbol("s2")]

  Scenario: an event removed and added again moves to the end of its group
    When e.on("b", A)
    And e.on("a", A)
    And e.off("b", A)
    And e.on("b", A)
    Then e.eventNames() is ["a", "b"]

  Scenario: a number as an event name becomes a string
    When e.on(123, A)
    And e.emit("123", "via string")
    Then e.eventNames() is ["123"]
    And the trace is:
      | A("via string") |

  Scenario: undefined as an event name is the event "undefined"
    When e.on(undefined, A)
    And e.emit("undefined")
    Then e.eventNames() is ["undefined"]
    And the trace is:
      | A() |

  Scenario Outline: "<name>" works as an ordinary event name
    When e.on("<name>", A)
    And e.emit("<name>", 1)
    Then the trace is:
      | A(1) |
    And e.eventNames() is ["<name>"]

    Examples:
      | name           |
      | __proto__      |
      | constructor    |
      | toString       |
      | hasOwnProperty |

  Scenario: a symbol is an event name
    When e.on(Symbol("s"), A)
    And e.emit(Symbol("s"), 1)
    Then the trace is:
      | A(1) |
    And e.listenerCount(Symbol("s")) is 1

  Scenario: the deprecated static listenerCount(emitter, name) still works
    When e.on("x", A)
    And e.on("x", B)
    Then EventEmitter.listenerCount(e, "x") is 2

  Scenario: getEventListeners(emitter, name) returns the listeners
    When e.on("x", A)
    And e.once("x", B)
    Then EventEmitter.getEventListeners(e, "x") is [A, B]

  @claim:events-06 @needs:internals
  Scenario: one listener is stored as the function itself, as the document's printout shows
    When e.on("event", A)
    Then e._events is {"event": A}
    And e._eventsCount is 1
    And e._maxListeners is undefined

  @claim:events-06 @needs:internals
  Scenario: two listeners of one event are stored as an array
    When e.on("event", A)
    And e.on("event", B)
    Then e._events is {"event": [A, B]}
    And e._eventsCount is 1

  @needs:internals
  Scenario: _eventsCount counts event names, not listeners
    When e.on("x", A)
    And e.on("x", B)
    And e.on("y", A)
    Then e._eventsCount is 2

  @claim:events-01 @claim:events-11
  Scenario: process is an EventEmitter
    Then process instanceof EventEmitter is true

  Scenario: listenerCount(name, listener) of a lone listener counts that listener only
    When e.on("x", A)
    Then e.listenerCount("x", A) is 1
    And e.listenerCount("x", B) is 0

  Scenario: removeAllListeners() without a 'removeListener' listener leaves no listener
    When e.on("x", A)
    And e.on("y", B)
    And e.removeAllListeners()
    Then e.listeners("x") is []
    And e.emit("y") is false

  Scenario: removeListener of an event without listeners returns the emitter
    When e.on("y", A)
    Then e.removeListener("x", A) is e

  Scenario: removeAllListeners(name) of an event without listeners, with a 'removeListener' listener, returns the emitter
    When e.on("removeListener", R)
    And e.on("y", A)
    Then e.removeAllListeners("x") is e
    And the trace stays empty

  @needs:internals
  Scenario: a new emitter's _events is an empty object
    Then e._events is {}

  Scenario: emit returns true after calling several listeners, with one argument or several
    When e.on("x", A)
    And e.on("x", B)
    Then e.emit("x", 1) is true
    And e.emit("x", 1, 2) is true

  Scenario: removeListener of a listener other than the event's only one returns the emitter and removes nothing
    When e.on("x", A)
    Then e.removeListener("x", B) is e
    And e.listeners("x") is [A]

  Scenario: removeListener of one of several listeners returns the emitter
    When e.on("x", A)
    And e.on("x", B)
    Then e.removeListener("x", A) is e

  Scenario: removeAllListeners(name) of several listeners, with a 'removeListener' listener, returns the emitter
    When e.on("removeListener", R)
    And e.on("x", A)
    And e.on("x", B)
    Then e.removeAllListeners("x") is e

  Scenario: removeAllListeners() leaves the 'removeListener' listeners for last, even when they were added first
    When e.on("removeListener", R)
    And e.on("x", A)
    And e.removeAllListeners()
    Then the trace is:
      | R("x", A) this=e |
    And e.eventNames() is []

  Scenario: removeAllListeners() ends with no listener, even one a 'removeListener' listener added meanwhile
    Given listener R does: e.on("z", C)
    When e.on("removeListener", R)
    And e.on("x", A)
    And e.removeAllListeners()
    Then e.listenerCount("z") is 0
    And e.eventNames() is []

  Scenario: removeAllListeners(name) walks its listeners once: one that a once 'removeListener' listener adds back stays
    Given listener R does: e.on("x", A)
    When e.on("x", A)
    And e.on("x", B)
    And e.once("removeListener", R)
    And e.removeAllListeners("x")
    Then e.listeners("x") is [A]
    And the trace is:
      | R("x", B) this=e |

  @needs:internals
  Scenario: removeAllListeners() resets _eventsCount to 0, even after a 'removeListener' listener added one meanwhile
    Given listener R does: e.on("z", C)
    When e.on("removeListener", R)
    And e.on("x", A)
    And e.removeAllListeners()
    Then e._eventsCount is 0

  @needs:internals
  Scenario: removeAllListeners() without a 'removeListener' listener resets _eventsCount
    When e.on("x", A)
    And e.on("y", B)
    And e.removeAllListeners()
    Then e._eventsCount is 0

  Scenario: an array whose string is 'error' is an ordinary event: emitting it without listeners returns false
    When I try e.emit(["error"], 1)
    Then it is false

  Scenario: an array whose string is 'error' reaches the 'error' listeners
    When e.on("error", A)
    And e.emit(["error"], 2)
    Then the trace is:
      | A(2) |
