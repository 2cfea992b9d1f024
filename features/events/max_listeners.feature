@events
Feature: The listener leak warning and max listeners
  More than getMaxListeners() listeners for one event (10 by default) is a likely leak: Node emits one
  MaxListenersExceededWarning, a process 'warning' delivered on a later tick, and still adds the
  listener. 0 (or Infinity) means no limit.

  Background:
    Given e = new EventEmitter()

  Scenario: defaultMaxListeners is 10
    Then EventEmitter.defaultMaxListeners is 10

  Scenario: a new emitter's getMaxListeners is the default
    Then e.getMaxListeners() is 10

  Scenario: ten listeners for one event do not warn
    When in one synchronous turn, 10 times:
      """
      e.on("foo", A)
      """
    Then after the event loop settles, the trace stays empty

  Scenario: the eleventh listener for one event emits one MaxListenersExceededWarning naming the count and the event
    When in one synchronous turn, 11 times:
      """
      e.on("foo", A)
      """
    Then after the event loop settles, the trace is:
      | warning MaxListenersExceededWarning "Possible EventEmitter memory leak detected. 11 foo listeners added to [EventEmitter]. MaxListeners is 10. Use emitter.setMaxListeners() to increase limit" |

  Scenario: the leak warning is delivered after the call that added the listener returned
    When e.setMaxListeners(1)
    And in one synchronous turn:
      """
      e.on("foo", A)
      e.on("foo", B)
      log "added"
      """
    Then after the event loop settles, the trace is:
      | log "added"                         |
      | warning MaxListenersExceededWarning |

  Scenario: the leak warning is emitted only once per event
    When in one synchronous turn, 15 times:
      """
      e.on("foo", A)
      """
    Then after the event loop settles, the trace is:
      | warning MaxListenersExceededWarning |

  Scenario: each event that exceeds the limit gets its own warning
    When in one synchronous turn, 11 times:
      """
      e.on("foo", A)
      """
    And in one synchronous turn, 11 times:
      """
      e.on("bar", A)
      """
    Then after the event loop settles, the trace is:
      | warning MaxListenersExceededWarning "Possible EventEmitter memory leak detected. 11 foo listeners added to [EventEmitter]. MaxListeners is 10. Use emitter.setMaxListeners() to increase limit" |
      | warning MaxListenersExceededWarning "Possible EventEmitter memory leak detected. 11 bar listeners added to [EventEmitter]. MaxListeners is 10. Use emitter.setMaxListeners() to increase limit" |

  Scenario: once listeners count toward the limit
    When in one synchronous turn, 11 times:
      """
      e.once("ready", A)
      """
    Then after the event loop settles, the trace is:
      | warning MaxListenersExceededWarning "Possible EventEmitter memory leak detected. 11 ready listeners added to [EventEmitter]. MaxListeners is 10. Use emitter.setMaxListeners() to increase limit" |

  Scenario: listeners beyond the limit are still added and called
    When in one synchronous turn, 11 times:
      """
      e.on("foo", A)
      """
    And e.emit("foo")
    Then e.listenerCount("foo") is 11

  Scenario: setMaxListeners(1) makes the second listener warn
    When e.setMaxListeners(1)
    And e.on("b", A)
    And e.on("b", B)
    Then after the event loop settles, the trace is:
      | warning MaxListenersExceededWarning "Possible EventEmitter memory leak detected. 2 b listeners added to [EventEmitter]. MaxListeners is 1. Use emitter.setMaxListeners() to increase limit" |

  Scenario: the warning names a symbol event as Symbol(description)
    When e.setMaxListeners(1)
    And e.on(Symbol("mysym"), A)
    And e.on(Symbol("mysym"), B)
    Then after the event loop settles, the trace is:
      | warning MaxListenersExceededWarning "Possible EventEmitter memory leak detected. 2 Symbol(mysym) listeners added to [EventEmitter]. MaxListeners is 1. Use emitter.setMaxListeners() to increase limit" |

  Scenario: an event whose listeners fell back to one and grew again warns again
    When e.setMaxListeners(1)
    And e.on("b", A)
    And e.on("b", B)
    And e.off("b", B)
    And e.on("b", B)
    Then after the event loop settles, the trace is:
      | warning MaxListenersExceededWarning |
      | warning MaxListenersExceededWarning |

  Scenario: setMaxListeners(0) means no limit
    When e.setMaxListeners(0)
    And in one synchronous turn, 20 times:
      """
      e.on("foo", A)
      """
    Then after the event loop settles, the trace stays empty

  Scenario: setMaxListeners(Infinity) means no limit
    When e.setMaxListeners(Infinity)
    And in one synchronous turn, 20 times:
      """
      e.on("foo", A)
      """
    Then e.getMaxListeners() is Infinity
    And after the event loop settles, the trace stays empty

  Scenario: setMaxListeners changes what getMaxListeners returns
    When e.setMaxListeners(3)
    Then e.getMaxListeners() is 3

  Scenario: setMaxListeners returns the emitter
    Then e.setMaxListeners(5) is e

  Scenario Outline: setMaxListeners(<value>) throws <code>
    When I try e.setMaxListeners(<value>)
    Then it throws <code> (<class>)

    Examples:
      | value     | code                 | class      |
      | -1        | ERR_OUT_OF_RANGE     | RangeError |
      | NaN       | ERR_OUT_OF_RANGE     | RangeError |
      | -Infinity | ERR_OUT_OF_RANGE     | RangeError |
      | "5"       | ERR_INVALID_ARG_TYPE | TypeError  |
      | true      | ERR_INVALID_ARG_TYPE | TypeError  |
      | undefined | ERR_INVALID_ARG_TYPE | TypeError  |

  Scenario: the ERR_OUT_OF_RANGE message of setMaxListeners names the bound and the value
    When I try e.setMaxListeners(-1)
    Then the error's message is:
      """
      The value of "setMaxListeners" is out of range. It must be >= 0. Received -1
      """

  Scenario: a negative defaultMaxListeners throws ERR_OUT_OF_RANGE
    When I try EventEmitter.defaultMaxListeners = -1
    Then it throws ERR_OUT_OF_RANGE (RangeError)
    And EventEmitter.defaultMaxListeners is 10

  Scenario: changing defaultMaxListeners changes the limit of emitters that set none
    Given f = new EventEmitter()
    When f.setMaxListeners(4)
    And EventEmitter.defaultMaxListeners = 3
    Then e.getMaxListeners() is 3
    And f.getMaxListeners() is 4

  Scenario: defaultMaxListeners may be 0: emitters that set no limit then have none and never warn
    When EventEmitter.defaultMaxListeners = 0
    And in one synchronous turn, 11 times:
      """
      e.on("x", A)
      """
    Then e.getMaxListeners() is 0
    And after the event loop settles, the trace stays empty

  Scenario: the static getMaxListeners(emitter) reads an emitter's limit
    When e.setMaxListeners(7)
    Then EventEmitter.getMaxListeners(e) is 7

  Scenario: EventEmitter.setMaxListeners() without arguments sets the default to itself
    When EventEmitter.setMaxListeners()
    Then EventEmitter.defaultMaxListeners is 10

  @program
  Scenario: the warning carries the emitter, the event's type and the listener count as properties of its own
    When the program "events_warning" runs with "emitter"
    Then the program exits with code 0
    And the program prints:
      """
      MaxListenersExceededWarning 'foo' 2 true true undefined
      MaxListenersExceededWarning Symbol(sym) 2 true true undefined
      """
    And the program's stderr contains "MaxListenersExceededWarning: Possible EventEmitter memory leak detected. 2 Symbol(sym) listeners added to [EventEmitter]"

  @program
  Scenario: an EventTarget's warnings carry the target and the event's type, the leak's the listener count too
    When the program "events_warning" runs with "target"
    Then the program exits with code 0
    And the program prints:
      """
      MaxListenersExceededWarning 'foo' 2 true undefined true undefined
      AddEventListenerArgumentTypeWarning 'bar' undefined true undefined true undefined
      """
