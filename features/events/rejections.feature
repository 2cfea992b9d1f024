@events
Feature: captureRejections: an async listener's rejection as an 'error' event
  With {captureRejections: true} an emitter watches the promises its listeners return: a rejection is
  emitted as 'error' on a later tick (after emit has returned and the other listeners ran). Listeners that
  return nothing, or a value that is not a promise, are not watched.

  Background:
    Given an async listener A does: throw new Error("boom")
    And e = new EventEmitter({captureRejections: true})

  Scenario: an async listener's rejection is emitted as 'error' after emit returned
    When e.on("x", A)
    And e.on("error", B)
    And in one synchronous turn:
      """
      e.emit("x", 1)
      log "after emit"
      """
    Then after the event loop settles, the trace is:
      | A(1)                 |
      | log "after emit"     |
      | B(new Error("boom")) |

  Scenario: the listeners after a rejecting one still run, and the 'error' comes after them
    When e.on("x", A)
    And e.on("x", C)
    And e.on("error", B)
    And e.emit("x", 1)
    Then after the event loop settles, the trace is:
      | A(1)                 |
      | C(1)                 |
      | B(new Error("boom")) |

  Scenario: with several arguments the rejection is emitted as 'error' too
    When e.on("x", C)
    And e.on("x", A)
    And e.on("error", B)
    And e.emit("x", 1, 2)
    Then after the event loop settles, the trace is:
      | C(1, 2)              |
      | A(1, 2)              |
      | B(new Error("boom")) |

  Scenario: a lone async listener's rejection with several arguments is emitted as 'error'
    When e.on("x", A)
    And e.on("error", B)
    And e.emit("x", 1, 2)
    Then after the event loop settles, the trace is:
      | A(1, 2)              |
      | B(new Error("boom")) |

  Scenario: a listener that returns a value that is not a promise is not watched
    Given listener R does: return 5
    When e.on("x", R)
    And e.on("error", B)
    And e.emit("x")
    Then after the event loop settles, the trace is:
      | R() |

  Scenario: an async listener that resolves emits nothing
    Given an async listener OK does: return 1
    When e.on("x", OK)
    And e.on("error", B)
    And e.emit("x")
    Then after the event loop settles, the trace is:
      | OK() |

  Scenario: an async 'error' listener that resolves is called and nothing follows
    Given an async listener OK does: return 1
    When e.on("error", OK)
    And e.emit("error", new Error("x"))
    Then after the event loop settles, the trace is:
      | OK(new Error("x")) |

  Scenario: two async 'error' listeners that resolve are both called and nothing follows
    Given an async listener OK does: return 1
    And an async listener OK2 does: return 2
    When e.on("error", OK)
    And e.on("error", OK2)
    And e.emit("error", new Error("x"))
    Then after the event loop settles, the trace is:
      | OK(new Error("x"))  |
      | OK2(new Error("x")) |

  Scenario: without captureRejections an async listener that resolves leaves nothing behind
    Given an async listener OK does: return 1
    And plain = new EventEmitter()
    When plain.on("x", OK)
    And plain.emit("x", 1)
    Then after the event loop settles, the trace is:
      | OK(1) |

  Scenario: EventEmitter.captureRejections only takes a boolean
    When I try EventEmitter.captureRejections = "yes"
    Then it throws ERR_INVALID_ARG_TYPE (TypeError)
    And the error's message is 'The "EventEmitter.captureRejections" property must be of type boolean. Received type string (\'yes\')'
    And EventEmitter.captureRejections is false
