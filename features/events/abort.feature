@events
Feature: AbortSignal with node:events: events.once and events.on with {signal}, events.addAbortListener
  An AbortController's signal is an EventTarget that aborts once, with a reason (a DOMException named
  AbortError unless one is given), dispatching a trusted 'abort' event. events.once rejects and events.on
  ends with an AbortError (code ABORT_ERR, the signal's reason as its cause) when the signal is aborted,
  before or after the call, and their listeners are removed. events.addAbortListener calls a listener
  when the signal aborts, even if it already has.

  Background:
    Given ac = new AbortController()
    And e = new EventEmitter()

  Scenario: a new signal is not aborted and has no reason
    Then ac.signal.aborted is false
    And ac.signal.reason is undefined
    And ac.signal.onabort is null
    And ac.signal instanceof EventTarget is true

  Scenario: abort() without a reason aborts with a DOMException named AbortError
    When ac.abort()
    Then ac.signal.aborted is true
    And ac.signal.reason.name is 'AbortError'
    And ac.signal.reason.message is 'This operation was aborted'
    And ac.signal.reason.code is 20

  Scenario: abort(reason) keeps the first reason
    When ac.abort("why")
    And ac.abort("again")
    Then ac.signal.reason is 'why'

  Scenario: abort() dispatches one 'abort' event to the signal's listeners, once
    When ac.signal.addEventListener("abort", A)
    And ac.abort()
    And ac.abort()
    Then the trace is:
      | A(*) |

  Scenario: onabort is called among the listeners at the place of its first assignment
    When ac.signal.onabort = A
    And ac.signal.addEventListener("abort", B)
    And ac.signal.onabort = C
    And ac.abort()
    Then the trace is:
      | C(*) |
      | B(*) |

  Scenario: throwIfAborted throws the reason of an aborted signal
    When ac.abort(new TypeError("stop"))
    And I try ac.signal.throwIfAborted()
    Then it throws a TypeError without a code, with the message "stop"

  Scenario: throwIfAborted does nothing before the abort
    When I try ac.signal.throwIfAborted()
    Then it is undefined

  Scenario: AbortSignal.abort() is an aborted signal
    Given s = AbortSignal.abort()
    Then s.aborted is true
    And s.reason.name is 'AbortError'

  Scenario: AbortSignal.any follows the first of its signals to abort
    Given other = new AbortController()
    And s = AbortSignal.any([ac.signal, other.signal])
    When other.abort("r2")
    Then s.aborted is true
    And s.reason is 'r2'

  Scenario: AbortSignal.any of a signal already aborted is aborted with its reason
    Given s = AbortSignal.any([AbortSignal.abort("r0"), ac.signal])
    Then s.aborted is true
    And s.reason is 'r0'

  Scenario: AbortSignal.any follows its signal even when a listener stops the 'abort' event
    Given listener S does: arguments[0].stopImmediatePropagation()
    And s = AbortSignal.any([ac.signal])
    When ac.signal.addEventListener("abort", S)
    And ac.abort("r")
    Then s.aborted is true

  Scenario: AbortSignal.any follows its signal even when a listener added before it stops the 'abort' event
    Given listener S does: arguments[0].stopImmediatePropagation()
    When ac.signal.addEventListener("abort", S)
    And s = AbortSignal.any([ac.signal])
    And ac.abort("r")
    Then s.aborted is true
    And s.reason is 'r'

  Scenario: AbortSignal.any adds no 'abort' listener to its signals: it aborts after their listeners ran
    Given s = AbortSignal.any([ac.signal])
    When ac.signal.addEventListener("abort", A)
    And s.addEventListener("abort", B)
    Then EventEmitter.getEventListeners(ac.signal, "abort") is [A]
    When ac.abort("r")
    Then the trace is:
      | A(*) |
      | B(*) |

  Scenario: AbortSignal.any of a signal AbortSignal.any made follows that signal's own signals, in the order made
    Given inner = AbortSignal.any([ac.signal])
    And other = AbortSignal.any([ac.signal])
    And outer = AbortSignal.any([inner])
    When inner.addEventListener("abort", A)
    And other.addEventListener("abort", B)
    And outer.addEventListener("abort", C)
    And ac.abort("r")
    Then the trace is:
      | A(*) |
      | B(*) |
      | C(*) |
    And outer.reason is 'r'

  @program
  Scenario: a signal's 'abort' event is trusted, at its target while it is dispatched
    When the program "events_abort" runs with "trusted"
    Then the program exits with code 0
    And the program prints:
      """
      before aborted=false reason=undefined
      abort trusted=true target=true phase=2
      after phase=0 currentTarget=null
      """

  Scenario: addEventListener with a signal keeps one 'abort' listener on it, gone once the signal aborts
    Given t = new EventTarget()
    When t.addEventListener("x", A, {signal: ac.signal})
    Then EventEmitter.getEventListeners(ac.signal, "abort").length is 1
    When ac.abort()
    Then EventEmitter.getEventListeners(ac.signal, "abort").length is 0
    And EventEmitter.getEventListeners(t, "x").length is 0

  Scenario: addEventListener's signal removes the listener even when an earlier 'abort' listener stops the event
    Given listener S does: arguments[0].stopImmediatePropagation()
    And t = new EventTarget()
    When ac.signal.addEventListener("abort", S)
    And t.addEventListener("x", A, {signal: ac.signal})
    And ac.abort()
    And t.dispatchEvent(new Event("x"))
    Then EventEmitter.getEventListeners(t, "x").length is 0
    And the trace is:
      | S(*) |

  Scenario Outline: AbortSignal.any(<signals>) throws ERR_INVALID_ARG_TYPE
    When I try AbortSignal.any(<signals>)
    Then it throws ERR_INVALID_ARG_TYPE (TypeError)

    Examples:
      | signals |
      | 1       |
      | [1]     |

  Scenario: events.once with a signal aborted before the call rejects with AbortError, the reason as its cause
    When ac.abort("why")
    And p = EventEmitter.once(e, "x", {signal: ac.signal})
    Then the promise p rejects with ABORT_ERR (AbortError), with the message "The operation was aborted"
    And the error's cause is 'why'
    And e.listenerCount("x") is 0

  Scenario: events.once with a signal aborted later rejects with AbortError and removes its listeners
    When p = EventEmitter.once(e, "x", {signal: ac.signal})
    Then e.listenerCount("x") is 1
    And e.listenerCount("error") is 1
    And EventEmitter.getEventListeners(ac.signal, "abort").length is 1
    When ac.abort()
    Then the promise p rejects with ABORT_ERR (AbortError)
    And the error's cause is ac.signal.reason
    And e.listenerCount("x") is 0
    And e.listenerCount("error") is 0
    And EventEmitter.getEventListeners(ac.signal, "abort") is []

  Scenario: events.once that resolves removes its abort listener
    When p = EventEmitter.once(e, "x", {signal: ac.signal})
    And e.emit("x", 1)
    Then the promise p resolves to [1]
    And EventEmitter.getEventListeners(ac.signal, "abort") is []

  Scenario: an 'error' before the event rejects events.once and removes its abort listener
    When p = EventEmitter.once(e, "x", {signal: ac.signal})
    And e.emit("error", new Error("bad"))
    Then the promise p rejects with an Error without a code, with the message "bad"
    And EventEmitter.getEventListeners(ac.signal, "abort") is []
    And e.listenerCount("x") is 0

  Scenario: events.once on an EventTarget with a signal aborted later rejects with AbortError
    Given t = new EventTarget()
    When p = EventEmitter.once(t, "x", {signal: ac.signal})
    And ac.abort()
    Then the promise p rejects with ABORT_ERR (AbortError)
    And EventEmitter.getEventListeners(t, "x") is []

  Scenario: events.once with a signal that is not an AbortSignal rejects with ERR_INVALID_ARG_TYPE
    When p = EventEmitter.once(e, "x", {signal: 1})
    Then the promise p rejects with ERR_INVALID_ARG_TYPE (TypeError)
    And the error's message is 'The "options.signal" property must be an instance of AbortSignal. Received type number (1)'

  @node:>=22
  Scenario Outline: events.once with options <options> rejects with ERR_INVALID_ARG_TYPE
    When p = EventEmitter.once(e, "x", <options>)
    Then the promise p rejects with ERR_INVALID_ARG_TYPE (TypeError)
    And the error's message is 'The "options" argument must be of type object. Received <received>'

    Examples:
      | options | received               |
      | 1       | type number (1)        |
      | null    | null                   |
      | true    | type boolean (true)    |

  @node:20
  Scenario: Node 20's events.once does not validate its options
    When p = EventEmitter.once(e, "x", 1)
    And e.emit("x", 2)
    Then the promise p resolves to [2]

  Scenario: events.on with a signal aborted before the call throws AbortError
    When ac.abort("why")
    And I try EventEmitter.on(e, "x", {signal: ac.signal})
    Then it throws ABORT_ERR (AbortError)
    And the error's cause is 'why'

  Scenario: events.on with a signal aborted later rejects the pending next() and ends the iteration
    When iter = EventEmitter.on(e, "x", {signal: ac.signal})
    And p1 = iter.next()
    And ac.abort()
    Then the promise p1 rejects with ABORT_ERR (AbortError)
    When p2 = iter.next()
    Then the promise p2 resolves to {value: undefined, done: true}
    And e.listenerCount("x") is 0
    And e.listenerCount("error") is 0
    And EventEmitter.getEventListeners(ac.signal, "abort") is []

  Scenario: return() of events.on with a signal removes its abort listener
    When iter = EventEmitter.on(e, "x", {signal: ac.signal})
    And p = iter.return()
    Then the promise p resolves to {value: undefined, done: true}
    And EventEmitter.getEventListeners(ac.signal, "abort") is []

  Scenario: events.on with a signal aborted before next() rejects the first next()
    When iter = EventEmitter.on(e, "x", {signal: ac.signal})
    And ac.abort()
    And p1 = iter.next()
    Then the promise p1 rejects with ABORT_ERR (AbortError)

  Scenario: events.on with a signal ends with AbortError even when an earlier 'abort' listener stops the event
    Given listener S does: arguments[0].stopImmediatePropagation()
    When ac.signal.addEventListener("abort", S)
    And iter = EventEmitter.on(e, "x", {signal: ac.signal})
    And ac.abort()
    And p = iter.next()
    Then the promise p rejects with ABORT_ERR (AbortError), with the message "The operation was aborted"

  Scenario: events.on with a signal that is not an AbortSignal throws ERR_INVALID_ARG_TYPE
    When I try EventEmitter.on(e, "x", {signal: "s"})
    Then it throws ERR_INVALID_ARG_TYPE (TypeError)

  Scenario: addAbortListener returns a disposable object
    When I try EventEmitter.addAbortListener(ac.signal, A)
    Then typeof it is 'object'
    And it is not null

  Scenario: addAbortListener's listener is called even when an earlier listener stops the event
    Given listener S does: arguments[0].stopImmediatePropagation()
    When ac.signal.addEventListener("abort", S)
    And EventEmitter.addAbortListener(ac.signal, A)
    And ac.signal.addEventListener("abort", B)
    And ac.abort()
    Then the trace is:
      | S(*) |
      | A(*) |

  Scenario: addAbortListener calls the listener when the signal aborts
    When EventEmitter.addAbortListener(ac.signal, A)
    Then EventEmitter.getEventListeners(ac.signal, "abort") is [A]
    When ac.abort()
    Then the trace is:
      | A(*) |
    And EventEmitter.getEventListeners(ac.signal, "abort") is []

  @node:20-24
  Scenario: addAbortListener on an aborted signal calls the listener without arguments on a microtask
    When ac.abort()
    And in one synchronous turn:
      """
      EventEmitter.addAbortListener(ac.signal, A)
      log "sync"
      """
    Then after the event loop settles, the trace is:
      | log "sync" |
      | A()        |

  @node:>=26
  Scenario: addAbortListener on an aborted signal calls the listener with an event on a microtask
    When ac.abort()
    And in one synchronous turn:
      """
      EventEmitter.addAbortListener(ac.signal, A)
      log "sync"
      """
    Then after the event loop settles, the trace is:
      | log "sync" |
      | A(*)       |

  @program
  Scenario Outline: addAbortListener on an aborted signal calls the listener with <what> on <node>
    When the program "events_abort" runs with "already-aborted"
    Then the program exits with code 0
    And the program prints:
      """
      <during>
      <after>
      """

    Examples:
      | node  | what                                              | during                                      | after                              |
      | 20-24 | no argument                                       | arguments=0                                 | after no event                     |
      | >=26  | a trusted 'abort' event dispatched at the signal | abort trusted=true target=true phase=2     | after phase=0 currentTarget=null   |

  Scenario Outline: addAbortListener(<args>) throws ERR_INVALID_ARG_TYPE
    When I try EventEmitter.addAbortListener(<args>)
    Then it throws ERR_INVALID_ARG_TYPE (TypeError)
    And the error's message is '<message>'

    Examples:
      | args               | message                                                                              |
      | {}, A              | The "signal" argument must be an instance of AbortSignal. Received an instance of Object |
      | undefined, A       | The "signal" argument must be an instance of AbortSignal. Received undefined         |
      | ac.signal, 1       | The "listener" argument must be of type function. Received type number (1)           |
