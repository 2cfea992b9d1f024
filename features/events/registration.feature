@events
Feature: Registering listeners and emitting events
  EventEmitter (node:events) keeps, per event name, an ordered list of listeners. emit() calls them
  synchronously, in order, with the arguments it was given, and returns whether there were any.
  Steps are written as the JavaScript calls they make: `e.on("x", A)` adds the recorder A (a listener
  that records its arguments and its `this`) to the event "x" of the emitter e.

  Background:
    Given e = new EventEmitter()

  @claim:events-04
  Scenario: A listener added with on receives the arguments of emit
    When e.on("起床", A)
    And e.emit("起床", "6:00")
    Then the trace is:
      | A("6:00") |

  @claim:events-03
  Scenario: on and once add listeners, removeListener removes one
    When e.on("x", A)
    And e.once("x", B)
    And e.on("x", C)
    And e.removeListener("x", C)
    And e.emit("x", 1)
    And e.emit("x", 2)
    Then the trace is:
      | A(1) |
      | B(1) |
      | A(2) |

  @claim:events-04
  Scenario: require('events').EventEmitter is the module itself
    Then EventEmitter.EventEmitter is EventEmitter

  @claim:events-08
  Scenario: emit calls every listener synchronously in registration order
    When e.on("x", A)
    And e.on("x", B)
    And e.on("x", C)
    And e.emit("x")
    Then the trace is:
      | A() |
      | B() |
      | C() |

  Scenario: emit returns true when the event had listeners
    When e.on("x", A)
    Then e.emit("x") is true

  Scenario: emit returns false when the event has no listener
    When e.on("x", A)
    Then e.emit("y") is false
    And the trace stays empty

  Scenario: emit on a new emitter returns false
    Then e.emit("anything") is false

  Scenario: a listener's return value does not change what emit returns
    Given listener A does: return false
    When e.on("x", A)
    Then e.emit("x") is true

  Scenario Outline: emit passes <count> through to the listener
    When e.on("x", A)
    And e.emit("x"<args>)
    Then the trace is:
      | A(<expected>) |

    Examples:
      | count                | args                     | expected              |
      | no argument          |                          |                       |
      | one argument         | , 1                      | 1                     |
      | two arguments        | , "a", "b"               | "a", "b"              |
      | five arguments       | , 1, 2, 3, 4, 5          | 1, 2, 3, 4, 5         |
      | falsy values         | , 0, "", false, undefined | 0, "", false, undefined |
      | an object and a list | , {"k": 1}, [1, 2]       | {"k": 1}, [1, 2]      |

  Scenario: the same listener added twice is called twice
    When e.on("x", A)
    And e.on("x", A)
    And e.emit("x", 1)
    Then the trace is:
      | A(1) |
      | A(1) |
    And e.listenerCount("x") is 2

  Scenario Outline: <method> returns the emitter so calls can be chained
    Then e.<method>("x", A) is e

    Examples:
      | method              |
      | on                  |
      | addListener         |
      | prependListener     |
      | once                |
      | prependOnceListener |
      | removeListener      |
      | off                 |

  Scenario: addListener is the same function as on
    Then e.on is e.addListener

  Scenario: off is the same function as removeListener
    Then e.off is e.removeListener

  Scenario: listeners of one event are not called for another event
    When e.on("x", A)
    And e.on("y", B)
    And e.emit("y", 2)
    Then the trace is:
      | B(2) |

  Scenario: a listener emitting another event runs that event's listeners first (depth first)
    Given listener A does: e.emit("y"); log "A done"
    When e.on("x", A)
    And e.on("x", C)
    And e.on("y", B)
    And e.emit("x")
    Then the trace is:
      | A()      |
      | B()      |
      | log "A done" |
      | C()      |

  @claim:events-05 @needs:this
  Scenario: an ordinary function listener is called with this set to the emitter
    When e.on("x", A)
    And e.emit("x", "a", "b")
    Then the trace is:
      | A("a", "b") this=e |

  @claim:events-07
  Scenario: a listener bound with bind is called with the bound this, not the emitter
    Given other = new EventEmitter()
    When e.on("x", A.bind(other))
    And e.emit("x", 1)
    Then the trace is:
      | A(1) this=other |

  @claim:events-05 @claim:events-07
  Scenario: an arrow function listener does not get the emitter as this
    Given an arrow listener A
    When e.on("x", A)
    And e.emit("x")
    Then the trace is:
      | A() this=undefined |

  @claim:events-05 @needs:this
  Scenario: a once listener is also called with this set to the emitter
    When e.once("x", A)
    And e.emit("x")
    Then the trace is:
      | A() this=e |

  @claim:events-02
  Scenario: every listener runs: an EventEmitter has no stopPropagation
    Then e.stopPropagation is undefined
    And e.preventDefault is undefined

  @needs:this
  Scenario: emitters keep separate listeners
    Given f = new EventEmitter()
    When e.on("x", A)
    And f.on("x", B)
    And f.emit("x")
    Then the trace is:
      | B() this=f |
