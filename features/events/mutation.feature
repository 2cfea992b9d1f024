@events
Feature: Changing the listeners while an event is being emitted
  emit() copies the listener array before it calls anyone (lib/events.js: arrayClone), so listeners
  added or removed by a listener do not change the emit in progress; they count from the next emit.

  Background:
    Given e = new EventEmitter()

  Scenario: a listener added during an emit is not called by that emit
    Given listener A does: e.on("x", B)
    When e.on("x", A)
    And e.emit("x")
    And e.emit("x")
    Then the trace is:
      | A() |
      | A() |
      | B() |

  Scenario: a listener prepended during an emit is called first by the next emit only
    Given listener A does: e.prependListener("x", P)
    When e.on("x", A)
    And e.emit("x")
    And e.emit("x")
    Then the trace is:
      | A() |
      | P() |
      | A() |

  Scenario: a later listener removed during an emit is still called by that emit
    Given listener A does: e.removeListener("x", B)
    When e.on("x", A)
    And e.on("x", B)
    And e.emit("x")
    And e.emit("x")
    Then the trace is:
      | A() |
      | B() |
      | A() |

  Scenario: removeAllListeners during an emit does not stop that emit
    Given listener A does: e.removeAllListeners("x")
    When e.on("x", A)
    And e.on("x", B)
    And e.emit("x")
    Then the trace is:
      | A() |
      | B() |
    And e.listenerCount("x") is 0

  Scenario: a listener that removes itself is still called once
    Given listener A does: e.off("x", A)
    When e.on("x", A)
    And e.on("x", B)
    And e.emit("x")
    And e.emit("x")
    Then the trace is:
      | A() |
      | B() |
      | B() |

  Scenario: removeListener removes only the most recently added instance
    When e.on("x", A)
    And e.on("x", B)
    And e.on("x", A)
    And e.removeListener("x", A)
    Then e.listeners("x") is [A, B]

  Scenario: removing a listener that was never added changes nothing
    When e.on("x", A)
    And e.removeListener("x", B)
    Then e.listeners("x") is [A]

  Scenario: removing a listener from an event without listeners returns the emitter
    Then e.removeListener("nothing", A) is e

  Scenario: removing the only listener removes the event name
    When e.on("x", A)
    And e.on("y", B)
    And e.off("x", A)
    Then e.eventNames() is ["y"]

  Scenario: removing the last listener leaves no event names
    When e.on("x", A)
    And e.off("x", A)
    Then e.eventNames() is []

  Scenario: a listener that throws stops the emit and the exception leaves emit
    Given listener A does: throw new Error("boom")
    When e.on("x", A)
    And e.on("x", B)
    Then e.emit("x") throws an Error without a code, with the message "boom"
    And the trace is:
      | A() |

  Scenario: after a listener threw, the next emit calls every listener again
    Given listener A does: throw new Error("boom")
    When e.on("x", A)
    And e.on("x", B)
    And I try e.emit("x")
    And e.off("x", A)
    And e.emit("x")
    Then the trace is:
      | A() |
      | B() |

  Scenario: an emit inside a listener of the same event sees the listeners added so far
    Given listener A does: e.on("x", B); e.emit("y")
    And listener Y does: e.emit("x")
    When e.once("x", A)
    And e.on("y", Y)
    And e.emit("x")
    Then the trace is:
      | A() |
      | Y() |
      | B() |
