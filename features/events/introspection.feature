@events
Feature: Looking at an emitter's listeners
  listenerCount, listeners, rawListeners and eventNames. Event names are the keys of a JavaScript
  object: non-symbol names become strings, and eventNames() follows Reflect.ownKeys order (integer-like
  names ascending, then other strings in insertion order, then symbols).

  Background:
    Given an emitter e

  Scenario: listenerCount of an event without listeners is 0
    Then e.listenerCount("nothing") equals 0

  Scenario: listeners of an event without listeners is an empty list
    Then e.listeners("nothing") equals []
    And e.rawListeners("nothing") equals []

  Scenario: a new emitter has no event names
    Then e.eventNames() equals []

  Scenario: eventNames lists string names in insertion order
    When e.on("x", A)
    And e.on("y", B)
    And e.on("x", C)
    Then e.eventNames() equals ["x", "y"]

  Scenario: eventNames puts integer-like names first, ascending, then strings, then symbols
    When e.on("b", A)
    And e.on(Symbol("s1"), A)
    And e.on("a", A)
    And e.on("10", A)
    And e.on("2", A)
    And e.on(Symbol("s2"), A)
    Then e.eventNames() equals ["2", "10", "b", "a", Symbol("s1"), Symbol("s2")]

  Scenario: an event removed and added again moves to the end of its group
    When e.on("b", A)
    And e.on("a", A)
    And e.off("b", A)
    And e.on("b", A)
    Then e.eventNames() equals ["a", "b"]

  Scenario: a number as an event name becomes a string
    When e.on(123, A)
    And e.emit("123", "via string")
    Then e.eventNames() equals ["123"]
    And the trace is:
      | A("via string") |

  Scenario: undefined as an event name is the event "undefined"
    When e.on(undefined, A)
    And e.emit("undefined")
    Then e.eventNames() equals ["undefined"]
    And the trace is:
      | A() |

  Scenario Outline: "<name>" works as an ordinary event name
    When e.on("<name>", A)
    And e.emit("<name>", 1)
    Then the trace is:
      | A(1) |
    And e.eventNames() equals ["<name>"]

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
    And e.listenerCount(Symbol("s")) equals 1

  Scenario: the deprecated static listenerCount(emitter, name) still works
    When e.on("x", A)
    And e.on("x", B)
    Then EventEmitter.listenerCount(e, "x") equals 2

  Scenario: getEventListeners(emitter, name) returns the listeners
    When e.on("x", A)
    And e.once("x", B)
    Then EventEmitter.getEventListeners(e, "x") equals [A, B]

  @claim:events-06
  Scenario: one listener is stored as the function itself, as the document's printout shows
    When e.on("event", A)
    Then e._events equals {"event": A}
    And e._eventsCount equals 1
    And e._maxListeners equals undefined

  @claim:events-06
  Scenario: two listeners of one event are stored as an array
    When e.on("event", A)
    And e.on("event", B)
    Then e._events equals {"event": [A, B]}
    And e._eventsCount equals 1

  Scenario: _eventsCount counts event names, not listeners
    When e.on("x", A)
    And e.on("x", B)
    And e.on("y", A)
    Then e._eventsCount equals 2

  @claim:events-01 @claim:events-11
  Scenario: process is an EventEmitter
    Then process instanceof EventEmitter returns true
