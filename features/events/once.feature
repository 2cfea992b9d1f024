@events
Feature: once, prependListener and prependOnceListener
  once() registers a wrapper (Node's "bound onceWrapper", with the original at `.listener`) that
  removes itself and then calls the listener. prependListener and prependOnceListener put the listener
  at the front of the list.

  Background:
    Given e = new EventEmitter()

  @claim:events-17
  Scenario: a once listener runs once and an on listener every time (the document's example)
    When e.once("test", A)
    And e.on("test", B)
    And e.emit("test")
    And e.emit("test")
    And e.emit("test")
    Then the trace is:
      | A() |
      | B() |
      | B() |
      | B() |

  @claim:events-17
  Scenario: a once listener is removed once it has run
    When e.once("x", A)
    And e.emit("x", 1)
    Then e.listenerCount("x") is 0
    And e.emit("x", 2) is false

  Scenario: a once listener is removed before it is called, so an emit inside it does not call it again
    Given listener A does: e.emit("x", "again")
    When e.once("x", A)
    And e.emit("x", "first")
    Then the trace is:
      | A("first") |

  Scenario: a once listener that throws is removed all the same
    Given listener A does: throw new Error("once")
    When e.once("x", A)
    And I try e.emit("x")
    Then e.listenerCount("x") is 0

  Scenario: rawListeners returns the once wrapper
    When e.once("x", A)
    Then e.rawListeners("x") is [wrapper(A)]

  Scenario: listeners returns the original function of a once listener
    When e.once("x", A)
    Then e.listeners("x") is [A]

  Scenario: listeners unwraps once listeners among ordinary ones
    When e.on("x", A)
    And e.once("x", B)
    And e.on("x", C)
    Then e.listeners("x") is [A, B, C]
    And e.rawListeners("x") is [A, wrapper(B), C]

  Scenario: removeListener with the original function removes a once listener
    When e.once("x", A)
    And e.removeListener("x", A)
    Then e.listenerCount("x") is 0
    And e.emit("x") is false

  Scenario: removeListener with the original function removes a once listener among several
    When e.on("x", B)
    And e.once("x", A)
    And e.removeListener("x", A)
    And e.emit("x")
    Then the trace is:
      | B() |

  Scenario: a once listener passes every argument through
    When e.once("x", A)
    And e.emit("x", 1, "two", [3])
    Then the trace is:
      | A(1, "two", [3]) |

  Scenario: the same function added once twice runs twice on the first emit only
    When e.once("x", A)
    And e.once("x", A)
    And e.emit("x", 1)
    And e.emit("x", 2)
    Then the trace is:
      | A(1) |
      | A(1) |

  Scenario: prependListener puts a listener before the existing ones
    When e.on("x", A)
    And e.prependListener("x", B)
    And e.emit("x")
    Then the trace is:
      | B() |
      | A() |

  Scenario: prependOnceListener runs first, once
    When e.on("x", A)
    And e.prependOnceListener("x", B)
    And e.emit("x")
    And e.emit("x")
    Then the trace is:
      | B() |
      | A() |
      | A() |

  Scenario: prepend, prependOnce, on and once combine in Node's order
    When e.on("x", On1)
    And e.prependListener("x", Prep)
    And e.prependOnceListener("x", PrepOnce)
    And e.once("x", OnceEnd)
    And e.emit("x")
    And e.emit("x")
    Then the trace is:
      | PrepOnce() |
      | Prep()     |
      | On1()      |
      | OnceEnd()  |
      | Prep()     |
      | On1()      |

  Scenario: listenerCount with a listener counts its once wrappers and plain registrations
    When e.once("x", A)
    And e.on("x", A)
    And e.on("x", B)
    Then e.listenerCount("x", A) is 2
    And e.listenerCount("x", B) is 1
    And e.listenerCount("x") is 3
