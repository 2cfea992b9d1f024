@events
Feature: The newListener and removeListener events
  An emitter announces its own changes: 'newListener' before a listener is added, 'removeListener'
  after one is removed. removeAllListeners removes last-added first, and 'removeListener' listeners last.

  Background:
    Given e = new EventEmitter()

  Scenario: newListener receives the event name and the listener
    When e.on("newListener", N)
    And e.on("x", A)
    Then the trace is:
      | N("x", A) |

  Scenario: newListener fires before the listener is added, so a listener it adds for that event goes first
    Given listener N does: e.on("x", B)
    When e.once("newListener", N)
    And e.on("x", A)
    Then e.listeners("x") is [B, A]

  Scenario: newListener receives the original function for once
    When e.on("newListener", N)
    And e.once("x", A)
    Then the trace is:
      | N("x", A) |

  Scenario: adding the first newListener listener emits nothing; the second is announced to the first
    When e.on("newListener", N)
    And e.on("newListener", M)
    Then the trace is:
      | N("newListener", M) |

  Scenario: newListener is announced for prependListener too
    When e.on("newListener", N)
    And e.prependListener("x", A)
    Then the trace is:
      | N("x", A) |

  Scenario: removeListener fires after the listener is removed
    Given listener R does: log "removed"; e.emit("x")
    When e.on("x", A)
    And e.on("x", B)
    And e.on("removeListener", R)
    And e.removeListener("x", A)
    Then the trace is:
      | R("x", A)    |
      | log "removed" |
      | B()          |

  Scenario: removeListener is not emitted for a listener that was not registered
    When e.on("removeListener", R)
    And e.on("x", A)
    And e.removeListener("x", B)
    Then the trace stays empty

  Scenario: a once listener that fires alone is announced to removeListener as the original function
    When e.on("removeListener", R)
    And e.once("x", A)
    And e.emit("x")
    Then the trace is:
      | R("x", A) |
      | A()       |

  Scenario: a once listener that fires among several is announced to removeListener as its wrapper
    When e.on("removeListener", R)
    And e.once("x", A)
    And e.on("x", B)
    And e.emit("x")
    Then the trace is:
      | R("x", wrapper(A)) |
      | A()                |
      | B()                |

  Scenario: removeAllListeners(name) removes that event's listeners, last added first
    When e.on("x", A)
    And e.on("x", B)
    And e.on("y", C)
    And e.on("removeListener", R)
    And e.removeAllListeners("x")
    Then the trace is:
      | R("x", B) |
      | R("x", A) |
    And e.eventNames() is ["y", "removeListener"]

  Scenario: removeAllListeners() removes every event, the removeListener listeners last
    When e.on("x", A)
    And e.on("y", B)
    And e.on("removeListener", R)
    And e.on("removeListener", S)
    And e.removeAllListeners()
    Then the trace is:
      | R("x", A)              |
      | S("x", A)              |
      | R("y", B)              |
      | S("y", B)              |
      | R("removeListener", S) |
    And e.eventNames() is []

  Scenario: removeAllListeners() goes through the events in property-key order
    When e.on("b", A)
    And e.on("2", B)
    And e.on("a", C)
    And e.on("removeListener", R)
    And e.removeAllListeners()
    Then the trace is:
      | R("2", B)              |
      | R("b", A)              |
      | R("a", C)              |

  Scenario: removeAllListeners(undefined) removes only the event named "undefined"
    When e.on("x", A)
    And e.on(undefined, B)
    And e.removeAllListeners(undefined)
    Then e.eventNames() is ["x"]

  Scenario: removeAllListeners returns the emitter
    When e.on("x", A)
    Then e.removeAllListeners() is e

  Scenario: removeAllListeners for an unknown event changes nothing
    When e.on("x", A)
    And e.removeAllListeners("nothing")
    Then e.eventNames() is ["x"]

  Scenario: removing the only removeListener listener emits nothing
    When e.on("removeListener", R)
    And e.removeListener("removeListener", R)
    Then the trace stays empty

  @node:20-22
  Scenario: removeAllListeners() throws ERR_INVALID_ARG_TYPE when a once 'removeListener' listener shrinks the list it walks
    When e.on("removeListener", T)
    And e.on("removeListener", T)
    And e.prependOnceListener("removeListener", T)
    And I try e.removeAllListeners()
    Then it throws ERR_INVALID_ARG_TYPE (TypeError)
    And the trace is:
      | T("removeListener", wrapper(T)) |
      | T("removeListener", T)          |
      | T("removeListener", T)          |
    And e.listenerCount("removeListener") is 1

  @node:>=24
  Scenario: from Node 24 removeAllListeners() walks a copy, so a once 'removeListener' listener that shrinks the list does no harm
    When e.on("removeListener", T)
    And e.on("removeListener", T)
    And e.prependOnceListener("removeListener", T)
    And I try e.removeAllListeners()
    Then it is e
    And the trace is:
      | T("removeListener", wrapper(T)) |
      | T("removeListener", T)          |
      | T("removeListener", T)          |
    And e.listenerCount("removeListener") is 0
