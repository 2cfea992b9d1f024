@events
Feature: An emitter's bookkeeping: event names as property keys, _eventsCount, and removals that find nothing
  Listeners live in an object keyed by event name, so a name is a property key: a number, null,
  undefined, a boolean or an array becomes its string (['a', 'b'] is 'a,b'), for on() and emit()
  alike. _eventsCount counts the names that have listeners. Removing a listener that is not there
  changes nothing and still returns the emitter.

  Background:
    Given e = new EventEmitter()

  Scenario Outline: emit(<name>) reaches a listener added for '<key>'
    When e.on('<key>', A)
    Then e.emit(<name>) is true
    And the trace is:
      | A() |

    Examples:
      | name       | key       |
      | 1          | 1         |
      | null       | null      |
      | true       | true      |
      | ['a', 'b'] | a,b       |

  Scenario: emit of a name that converts to a key without listeners is false
    When e.on('1', A)
    Then e.emit(2) is false
    And e.emit(false) is false
    And e.emit(['a']) is false

  Scenario: an array and null as event names are stored under their strings
    When e.on(['a', 'b'], A)
    And e.on(null, B)
    Then e.eventNames() is ['a,b', 'null']
    And e.listenerCount('a,b') is 1
    And e.listenerCount(null) is 1
    And e.listeners(['a', 'b']) is [A]

  Scenario: _eventsCount counts the event names that have listeners
    Then e._eventsCount is 0
    When e.on('a', A)
    And e.on('a', B)
    And e.on('b', A)
    Then e._eventsCount is 2
    When e.on('c', A)
    And e.off('c', A)
    Then e._eventsCount is 2
    When e.removeAllListeners('a')
    Then e._eventsCount is 1
    When e.removeAllListeners()
    Then e._eventsCount is 0

  Scenario: with a 'removeListener' listener, _eventsCount still follows removals
    When e.on('removeListener', R)
    And e.on('x', A)
    And e.off('x', A)
    Then e._eventsCount is 1
    When e.on('x', A)
    And e.on('x', B)
    And e.removeAllListeners('x')
    Then e._eventsCount is 1

  Scenario: removeAllListeners() with a 'removeListener' listener returns the emitter and leaves no names
    When e.on('removeListener', R)
    And e.on('x', A)
    And e.on('y', B)
    And e.on('y', C)
    Then e._eventsCount is 3
    And e.removeAllListeners() is e
    And e._eventsCount is 0
    And e.eventNames() is []

  Scenario: removeAllListeners(name, extra) removes only the first name
    When e.on('q', A)
    And e.on('r', A)
    And e.removeAllListeners('q', 'r')
    Then e.eventNames() is ['r']

  Scenario: removing a listener that is not registered, among two that are, changes nothing
    When e.on('x', A)
    And e.on('x', B)
    Then e.off('x', C) is e
    And e.listeners('x') is [A, B]

  Scenario: prependListener onto an event with two listeners puts it first for the next emit
    When e.on('x', A)
    And e.on('x', B)
    And e.prependListener('x', C)
    And e.emit('x')
    Then the trace is:
      | C() |
      | A() |
      | B() |

  Scenario: the static setMaxListeners(n, emitter) sets that emitter's limit, not the default
    When EventEmitter.setMaxListeners(3, e)
    Then e.getMaxListeners() is 3
    And EventEmitter.defaultMaxListeners is 10

  Scenario: a once wrapper still in the snapshot of an outer emit does not call its listener again
    Given listener L does: e.emit("x")
    When e.once("x", L)
    And e.once("x", A)
    And e.emit("x")
    Then the trace is:
      | L() this=e |
      | A() this=e |
    And e.listenerCount("x") is 0

  Scenario Outline: an unhandled 'error' event with the string <value> shows it quoted as util.inspect does
    When I try e.emit('error', <value>)
    Then it throws ERR_UNHANDLED_ERROR (Error)
    And the error's message is <message>

    Examples:
      | value        | message                                 |
      | 'a\bb'       | "Unhandled error. ('a\\\\bb')"          |
      | "it's"       | 'Unhandled error. ("it\'s")'            |
      | 'it\'s "q"'  | 'Unhandled error. (`it\'s "q"`)'        |
      | 'tab\there'  | "Unhandled error. ('tab\\\\there')"     |
