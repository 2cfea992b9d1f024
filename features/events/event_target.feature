@events
Feature: EventTarget and Event, as node:events users meet them
  node:events works on EventTargets too (events.once, events.on, getEventListeners, getMaxListeners,
  setMaxListeners), and an AbortSignal is one. An EventTarget is not an EventEmitter: a listener is
  registered once per (listener, capture), dispatchEvent takes an Event and returns false only when a
  listener cancelled a cancelable event, a throwing listener does not stop the dispatch (its exception
  is uncaught afterwards), and 'error' means nothing special.

  Background:
    Given t = new EventTarget()
    And ev = new Event("x")

  @needs:this
  Scenario: dispatchEvent calls the listener with the event, this being the target
    When t.addEventListener("x", A)
    And t.dispatchEvent(ev)
    Then the trace is:
      | A(ev) this=t |

  @claim:events-11
  Scenario: an EventTarget emits events but is not an EventEmitter, nor is an AbortSignal
    When t.addEventListener("x", A)
    And t.dispatchEvent(ev)
    Then the trace is:
      | A(ev) |
    And t instanceof EventEmitter is false
    And AbortSignal.abort() instanceof EventEmitter is false

  Scenario: dispatchEvent returns true when no listener cancelled the event
    When t.addEventListener("x", A)
    And I try t.dispatchEvent(ev)
    Then it is true

  Scenario: dispatchEvent of a type without listeners returns true
    When I try t.dispatchEvent(ev)
    Then it is true
    And the trace stays empty

  Scenario: an event dispatched to no listener has the target and is no longer being dispatched
    When t.dispatchEvent(ev)
    Then ev.target is the same object as t
    And ev.eventPhase is 0
    And ev.currentTarget is null
    When I try t.dispatchEvent(ev)
    Then it is true

  Scenario: adding the same listener twice registers it once
    When t.addEventListener("x", A)
    And t.addEventListener("x", A)
    And t.dispatchEvent(ev)
    Then EventEmitter.getEventListeners(t, "x") is [A]
    And the trace is:
      | A(ev) |

  Scenario: the same listener with capture is a second registration
    When t.addEventListener("x", A)
    And t.addEventListener("x", A, {capture: true})
    And t.addEventListener("x", A, true)
    Then EventEmitter.getEventListeners(t, "x") is [A, A]

  Scenario: a once listener is removed before it is called
    Given listener A does: log "called"
    When t.addEventListener("x", A, {once: true})
    And t.dispatchEvent(ev)
    And t.dispatchEvent(new Event("x"))
    Then EventEmitter.getEventListeners(t, "x") is []
    And the trace is:
      | A(ev)        |
      | log "called" |

  Scenario: an object listener's handleEvent is called with the object as this
    When t.addEventListener("x", {handleEvent: H})
    And t.dispatchEvent(ev)
    Then the trace is:
      | H(ev) this={handleEvent: H} |
    And EventEmitter.getEventListeners(t, "x") is [{handleEvent: H}]

  Scenario: removeEventListener removes the registration
    When t.addEventListener("x", A)
    And t.addEventListener("x", B)
    And t.removeEventListener("x", A)
    And t.dispatchEvent(ev)
    Then the trace is:
      | B(ev) |

  Scenario: removing a listener between two others leaves the two, in order
    When t.addEventListener("x", A)
    And t.addEventListener("x", B)
    And t.addEventListener("x", C)
    And t.removeEventListener("x", B)
    Then EventEmitter.getEventListeners(t, "x") is [A, C]
    When t.dispatchEvent(ev)
    Then the trace is:
      | A(ev) |
      | C(ev) |

  Scenario: removeEventListener without capture leaves the capture registration
    When t.addEventListener("x", A, {capture: true})
    And t.removeEventListener("x", A)
    Then EventEmitter.getEventListeners(t, "x") is [A]
    When t.removeEventListener("x", A, {capture: true})
    Then EventEmitter.getEventListeners(t, "x") is []

  @node:20-24
  Scenario: removeEventListener with a boolean true does not remove the capture registration
    When t.addEventListener("x", A, true)
    And t.removeEventListener("x", A, true)
    Then EventEmitter.getEventListeners(t, "x") is [A]

  @node:>=26
  Scenario: removeEventListener with a boolean true removes the capture registration
    When t.addEventListener("x", A, true)
    And t.removeEventListener("x", A, true)
    Then EventEmitter.getEventListeners(t, "x") is []

  Scenario: a listener added during the dispatch by a listener that is not the last is called
    Given listener A does: t.addEventListener("x", C)
    When t.addEventListener("x", A)
    And t.addEventListener("x", B)
    And t.dispatchEvent(ev)
    Then the trace is:
      | A(ev) |
      | B(ev) |
      | C(ev) |

  Scenario: a listener added during the dispatch by the last listener is not called by it
    Given listener A does: t.addEventListener("x", B)
    When t.addEventListener("x", A)
    And t.dispatchEvent(ev)
    Then the trace is:
      | A(ev) |
    And EventEmitter.getEventListeners(t, "x") is [A, B]

  Scenario: a listener removed during the dispatch is not called
    Given listener A does: t.removeEventListener("x", B)
    When t.addEventListener("x", A)
    And t.addEventListener("x", B)
    And t.dispatchEvent(ev)
    Then the trace is:
      | A(ev) |

  Scenario: a listener that removes itself and adds another, being the first, reaches it
    Given listener A does: t.removeEventListener("x", A); t.addEventListener("x", C)
    When t.addEventListener("x", A)
    And t.addEventListener("x", B)
    And t.dispatchEvent(ev)
    Then the trace is:
      | A(ev) |
      | B(ev) |
      | C(ev) |

  Scenario: a throwing listener does not stop the dispatch; its error is uncaught afterwards
    Given listener A does: throw new Error("boom")
    When t.addEventListener("x", A)
    And t.addEventListener("x", B)
    And I try t.dispatchEvent(ev)
    Then it is true
    And after the event loop settles, the trace is:
      | A(ev)                |
      | B(ev)                |
      | uncaught Error "boom" |

  Scenario: an async listener's rejection is an uncaught exception after the dispatch
    Given an async listener A does: throw new Error("async boom")
    When t.addEventListener("x", A)
    And t.addEventListener("x", B)
    And I try t.dispatchEvent(ev)
    Then it is true
    And after the event loop settles, the trace is:
      | A(ev)                       |
      | B(ev)                       |
      | uncaught Error "async boom" |

  Scenario: dispatching an event from its first listener throws ERR_EVENT_RECURSION
    Given listener A does: t.dispatchEvent(ev)
    When t.addEventListener("x", A)
    And t.dispatchEvent(ev)
    Then after the event loop settles, the trace is:
      | A(ev)                                                    |
      | uncaught Error "The event \"x\" is already being dispatched" |

  Scenario: after the first listener the event counts as dispatched: a later listener may dispatch it again
    Given listener B does: t.dispatchEvent(ev)
    When t.addEventListener("x", A)
    And t.addEventListener("x", B, {once: true})
    And t.dispatchEvent(ev)
    Then after the event loop settles, the trace is:
      | A(ev) |
      | B(ev) |
      | A(ev) |

  Scenario: preventDefault in a listener makes dispatchEvent of a cancelable event return false
    Given ev = new Event("x", {cancelable: true})
    And listener A does: ev.preventDefault()
    When t.addEventListener("x", A)
    And I try t.dispatchEvent(ev)
    Then it is false
    And ev.defaultPrevented is true
    And ev.returnValue is false

  Scenario: preventDefault does nothing to an event that is not cancelable
    Given listener A does: ev.preventDefault()
    When t.addEventListener("x", A)
    And I try t.dispatchEvent(ev)
    Then it is true
    And ev.defaultPrevented is false

  @node:20
  Scenario: Node 20 lets a passive listener cancel the event
    Given ev = new Event("x", {cancelable: true})
    And listener A does: ev.preventDefault()
    When t.addEventListener("x", A, {passive: true})
    And I try t.dispatchEvent(ev)
    Then it is false

  @node:>=22
  Scenario: preventDefault in a passive listener is ignored
    Given ev = new Event("x", {cancelable: true})
    And listener A does: ev.preventDefault()
    When t.addEventListener("x", A, {passive: true})
    And I try t.dispatchEvent(ev)
    Then it is true
    And ev.defaultPrevented is false

  Scenario: preventDefault after the dispatch by a passive listener cancels a cancelable event
    Given ev = new Event("x", {cancelable: true})
    When t.addEventListener("x", A, {passive: true})
    And t.dispatchEvent(ev)
    And ev.preventDefault()
    Then ev.defaultPrevented is true

  @node:>=22
  Scenario: assigning returnValue = false cancels a cancelable event
    Given ev = new Event("x", {cancelable: true})
    When ev.returnValue = false
    Then ev.defaultPrevented is true

  @node:20
  Scenario: Node 20's returnValue has no setter
    Given ev = new Event("x", {cancelable: true})
    When I try ev.returnValue = false
    Then it throws a TypeError without a code

  Scenario: stopImmediatePropagation stops the listeners after it
    Given listener A does: ev.stopImmediatePropagation()
    When t.addEventListener("x", A)
    And t.addEventListener("x", B)
    And t.dispatchEvent(ev)
    Then the trace is:
      | A(ev) |
    And ev.cancelBubble is true

  Scenario Outline: a listener added with options <options> is stopped by stopImmediatePropagation like any
    Given listener A does: arguments[0].stopImmediatePropagation()
    When t.addEventListener("x", A)
    And t.addEventListener("x", B, <options>)
    And t.dispatchEvent(ev)
    Then the trace is:
      | A(ev) |

    Examples:
      | options      |
      | true         |
      | {}           |
      | {once: true} |

  Scenario: stopPropagation does not stop the other listeners of the same target
    Given listener A does: ev.stopPropagation()
    When t.addEventListener("x", A)
    And t.addEventListener("x", B)
    And t.dispatchEvent(ev)
    Then the trace is:
      | A(ev) |
      | B(ev) |
    And ev.cancelBubble is true

  Scenario: an event stopped before its dispatch reaches no listener
    When ev.stopImmediatePropagation()
    And t.addEventListener("x", A)
    And t.dispatchEvent(ev)
    Then the trace stays empty

  Scenario Outline: a new Event's <property> is <value>
    Then ev.<property> is <value>

    Examples:
      | property         | value |
      | type             | 'x'   |
      | bubbles          | false |
      | cancelable       | false |
      | composed         | false |
      | defaultPrevented | false |
      | eventPhase       | 0     |
      | target           | null  |
      | currentTarget    | null  |
      | srcElement       | null  |
      | isTrusted        | false |
      | returnValue      | true  |
      | cancelBubble     | false |

  Scenario: an Event's timeStamp is a number
    Then typeof ev.timeStamp is 'number'

  Scenario: a boolean options argument is the capture flag only: the listener is not passive
    Given ev = new Event("x", {cancelable: true})
    And listener A does: arguments[0].preventDefault()
    When t.addEventListener("x", A, true)
    And I try t.dispatchEvent(ev)
    Then it is false

  Scenario: an Event's options are read as booleans
    Given ev = new Event("x", {bubbles: 1, cancelable: "yes", composed: {}})
    Then ev.bubbles is true
    And ev.cancelable is true
    And ev.composed is true

  Scenario: an Event's options are read as JavaScript booleans: NaN is false, 0.5 is true
    Given ev = new Event("x", {bubbles: NaN, cancelable: 0.5})
    Then ev.bubbles is false
    And ev.cancelable is true

  Scenario: a Symbol as an Event's type throws a TypeError without a code
    When I try new Event(Symbol("s"))
    Then it throws a TypeError without a code, with the message "Cannot convert a Symbol value to a string"

  Scenario: assigning cancelBubble = true stops the propagation, and false does not restart it
    When ev.cancelBubble = true
    And ev.cancelBubble = false
    Then ev.cancelBubble is true

  Scenario: removeEventListener of a type without listeners does nothing
    When I try t.removeEventListener("nothing", A)
    Then it is undefined

  Scenario: a listener that stops the immediate propagation leaves events.once's abort listener running
    Given ac = new AbortController()
    And listener S does: arguments[0].stopImmediatePropagation()
    When ac.signal.addEventListener("abort", S)
    And p = EventEmitter.once(new EventEmitter(), "x", {signal: ac.signal})
    And ac.signal.addEventListener("abort", B)
    And ac.abort()
    Then the promise p rejects with ABORT_ERR (AbortError)

  Scenario: an Event's type is converted to a string
    Given ev = new Event(1)
    Then ev.type is '1'

  Scenario: after the dispatch the event keeps its target and has no current target
    When t.addEventListener("x", A)
    And t.dispatchEvent(ev)
    Then ev.target is the same object as t
    And ev.srcElement is the same object as t
    And ev.currentTarget is null
    And ev.eventPhase is 0
    And ev.composedPath() is []

  Scenario: the Event phase constants
    Then Event.NONE is 0
    And Event.CAPTURING_PHASE is 1
    And Event.AT_TARGET is 2
    And Event.BUBBLING_PHASE is 3

  Scenario: an event type is a string: the number 1 is the type '1'
    When t.addEventListener(1, A)
    Then EventEmitter.getEventListeners(t, "1") is [A]

  Scenario: a listener with an aborted signal is not added
    When t.addEventListener("x", A, {signal: AbortSignal.abort()})
    Then EventEmitter.getEventListeners(t, "x") is []

  Scenario: aborting a listener's signal removes the listener
    Given ac = new AbortController()
    When t.addEventListener("x", A, {signal: ac.signal})
    And ac.abort()
    And t.dispatchEvent(ev)
    Then EventEmitter.getEventListeners(t, "x") is []
    And the trace stays empty

  Scenario: aborting a listener's signal removes it even when an earlier 'abort' listener stops the event
    Given ac = new AbortController()
    And listener S does: arguments[0].stopImmediatePropagation()
    When ac.signal.addEventListener("abort", S)
    And t.addEventListener("x", A, {signal: ac.signal})
    And ac.abort()
    And t.dispatchEvent(ev)
    Then EventEmitter.getEventListeners(t, "x") is []

  Scenario: an AbortSignal's leak warning names it [AbortSignal]
    Given ac = new AbortController()
    When EventEmitter.setMaxListeners(1, ac.signal)
    And ac.signal.addEventListener("abort", A)
    And ac.signal.addEventListener("abort", B)
    Then after the event loop settles, the trace is:
      | warning MaxListenersExceededWarning "Possible EventTarget memory leak detected. 2 abort listeners added to [AbortSignal]. MaxListeners is 1. Use events.setMaxListeners() to increase limit" |

  Scenario: addEventListener with a null listener has no effect but a warning
    When t.addEventListener("x", null)
    Then EventEmitter.getEventListeners(t, "x") is []
    And after the event loop settles, the trace is:
      | warning AddEventListenerArgumentTypeWarning "addEventListener called with null which has no effect." |

  Scenario: more listeners of one type than the target's limit emit a MaxListenersExceededWarning
    When EventEmitter.setMaxListeners(1, t)
    And t.addEventListener("x", A)
    And t.addEventListener("x", B)
    And t.addEventListener("x", C)
    Then after the event loop settles, the trace is:
      | warning MaxListenersExceededWarning "Possible EventTarget memory leak detected. 2 x listeners added to EventTarget. MaxListeners is 1. Use events.setMaxListeners() to increase limit" |

  Scenario: setMaxListeners(0, target) means no limit: no warning however many listeners
    When EventEmitter.setMaxListeners(0, t)
    And in one synchronous turn, 12 times:
      """
      t.addEventListener("x", A.bind(t))
      """
    Then after the event loop settles, the trace stays empty

  Scenario: setMaxListeners on an EventTarget lets it warn again
    When EventEmitter.setMaxListeners(1, t)
    And t.addEventListener("x", A)
    And t.addEventListener("x", B)
    And EventEmitter.setMaxListeners(1, t)
    And t.addEventListener("x", C)
    Then after the event loop settles, the trace is:
      | warning MaxListenersExceededWarning "Possible EventTarget memory leak detected. 2 x listeners added to EventTarget. MaxListeners is 1. Use events.setMaxListeners() to increase limit" |
      | warning MaxListenersExceededWarning "Possible EventTarget memory leak detected. 3 x listeners added to EventTarget. MaxListeners is 1. Use events.setMaxListeners() to increase limit" |

  Scenario: an EventTarget's limit is events.defaultMaxListeners, and setMaxListeners(n, target) sets it
    Then EventEmitter.getMaxListeners(t) is 10
    When EventEmitter.setMaxListeners(3, t)
    Then EventEmitter.getMaxListeners(t) is 3

  Scenario Outline: <call> throws <code> (<class>)
    When I try <call>
    Then it throws <code> (<class>)
    And the error's message is '<message>'

    Examples:
      | call                               | code                   | class     | message                                                                                   |
      | new Event()                        | ERR_MISSING_ARGS       | TypeError | The "type" argument must be specified                                                     |
      | new Event("x", 1)                  | ERR_INVALID_ARG_TYPE   | TypeError | The "options" argument must be of type object. Received type number (1)                   |
      | t.dispatchEvent()                  | ERR_MISSING_ARGS       | TypeError | The "event" argument must be specified                                                    |
      | t.dispatchEvent({type: "x"})       | ERR_INVALID_ARG_TYPE   | TypeError | The "event" argument must be an instance of Event. Received an instance of Object        |
      | t.addEventListener("x")            | ERR_MISSING_ARGS       | TypeError | The "type" and "listener" arguments must be specified                                     |
      | t.removeEventListener("x")         | ERR_MISSING_ARGS       | TypeError | The "type" and "listener" arguments must be specified                                     |
      | t.addEventListener("x", 1)         | ERR_INVALID_ARG_TYPE   | TypeError | The "listener" argument must be an instance of EventListener. Received type number (1)    |
      | t.addEventListener("x", A, {signal: 1}) | ERR_INVALID_ARG_TYPE | TypeError | The "options.signal" property must be an instance of AbortSignal. Received type number (1) |
      | t.removeEventListener("x", 1)      | ERR_INVALID_ARG_TYPE   | TypeError | The "listener" argument must be an instance of EventListener. Received type number (1)    |
      | t.addEventListener("x", A, 1)      | ERR_INVALID_ARG_TYPE   | TypeError | The "options" argument must be of type object. Received type number (1)                   |
      | AbortSignal.timeout(-1)            | ERR_OUT_OF_RANGE       | RangeError | The value of "delay" is out of range. It must be >= 0 && <= 4294967295. Received -1     |
      | new AbortSignal()                  | ERR_ILLEGAL_CONSTRUCTOR | TypeError | Illegal constructor                                                                      |
      | EventEmitter.setMaxListeners(-1, t) | ERR_OUT_OF_RANGE      | RangeError | The value of "setMaxListeners" is out of range. It must be >= 0. Received -1            |
      | EventEmitter.setMaxListeners(1, {}) | ERR_INVALID_ARG_TYPE  | TypeError | The "eventTargets" argument must be an instance of EventEmitter or EventTarget. Received an instance of Object |

  Scenario: a removed listener no longer counts toward the target's limit
    When EventEmitter.setMaxListeners(2, t)
    And t.addEventListener("x", A)
    And t.addEventListener("x", B)
    And t.removeEventListener("x", A)
    And t.addEventListener("x", C)
    Then after the event loop settles, the trace stays empty

  Scenario: an EventTarget with no limit set warns once an event has more than 10 listeners
    When in one synchronous turn:
      """
      t.addEventListener("foo", A)
      t.addEventListener("foo", B)
      t.addEventListener("foo", C)
      t.addEventListener("foo", D)
      t.addEventListener("foo", E)
      t.addEventListener("foo", F)
      t.addEventListener("foo", G)
      t.addEventListener("foo", H)
      t.addEventListener("foo", I)
      t.addEventListener("foo", J)
      t.addEventListener("foo", K)
      """
    Then after the event loop settles, the trace is:
      | warning MaxListenersExceededWarning "Possible EventTarget memory leak detected. 11 foo listeners added to EventTarget. MaxListeners is 10. Use events.setMaxListeners() to increase limit" |

  Scenario: events.once on an EventTarget resolves with [event] and removes its listener
    When p = EventEmitter.once(t, "x")
    Then EventEmitter.getEventListeners(t, "x").length is 1
    When t.dispatchEvent(ev)
    Then the promise p resolves to [ev]
    And EventEmitter.getEventListeners(t, "x") is []

  Scenario: events.once on an EventTarget resolves even when a listener before it stops the event
    Given listener S does: arguments[0].stopImmediatePropagation()
    When t.addEventListener("x", S)
    And p = EventEmitter.once(t, "x")
    And t.dispatchEvent(ev)
    Then the promise p resolves to [ev]
    And EventEmitter.getEventListeners(t, "x") is [S]

  Scenario: events.on on an EventTarget does not see an event that a listener before it stopped
    Given listener S does: arguments[0].stopImmediatePropagation()
    And ev2 = new Event("x")
    When t.addEventListener("x", S, {once: true})
    And iter = EventEmitter.on(t, "x")
    And t.dispatchEvent(ev)
    And t.dispatchEvent(ev2)
    And p = iter.next()
    Then the promise p resolves to {value: [ev2], done: false}

  Scenario: events.once on an EventTarget does not listen for 'error'
    When p = EventEmitter.once(t, "x")
    Then EventEmitter.getEventListeners(t, "error") is []

  Scenario: events.on on an EventTarget yields [event] for each dispatch
    When iter = EventEmitter.on(t, "x")
    And t.dispatchEvent(ev)
    And p = iter.next()
    Then the promise p resolves to {value: [ev], done: false}
    And EventEmitter.getEventListeners(t, "error") is []
    When p2 = iter.return()
    Then the promise p2 resolves to {value: undefined, done: true}
    And EventEmitter.getEventListeners(t, "x") is []

  Scenario: events.once of a plain object rejects with ERR_INVALID_ARG_TYPE
    When p = EventEmitter.once({}, "x")
    Then the promise p rejects with ERR_INVALID_ARG_TYPE (TypeError)
    And the error's message is 'The "emitter" argument must be an instance of EventEmitter. Received an instance of Object'

  Scenario: events.on of a plain object throws ERR_INVALID_ARG_TYPE
    When I try EventEmitter.on({}, "x")
    Then it throws ERR_INVALID_ARG_TYPE (TypeError)
    And the error's message is 'The "emitter" argument must be an instance of EventEmitter. Received an instance of Object'
