@events
Feature: events.on and events.once check their options from Node 22
  Node 22 validates the options argument of events.on(emitter, name, options) and
  events.once(emitter, name, options) as an object: a number, a string, a boolean, an array, a function
  or null is ERR_INVALID_ARG_TYPE (events.on throws, events.once's promise rejects). Node 20 only read
  options.signal: such options were ignored, and null made events.on throw V8's TypeError.

  Background:
    Given e = new EventEmitter()

  Scenario Outline: events.on(e, "x", <options>) <outcome> on <node>
    When I try EventEmitter.on(e, "x", <options>)
    Then <check>

    Examples:
      | node | options | outcome                       | check                                                                                                  |
      | 20   | 5       | ignores the options           | e.listenerCount("x") is 1                                                                              |
      | >=22 | 5       | throws ERR_INVALID_ARG_TYPE   | it throws ERR_INVALID_ARG_TYPE (TypeError)                                                             |
      | 20   | 'abc'   | ignores the options           | e.listenerCount("x") is 1                                                                              |
      | >=22 | 'abc'   | throws ERR_INVALID_ARG_TYPE   | it throws ERR_INVALID_ARG_TYPE (TypeError)                                                             |
      | 20   | true    | ignores the options           | e.listenerCount("x") is 1                                                                              |
      | >=22 | true    | throws ERR_INVALID_ARG_TYPE   | it throws ERR_INVALID_ARG_TYPE (TypeError)                                                             |
      | 20   | []      | ignores the options           | e.listenerCount("x") is 1                                                                              |
      | >=22 | []      | throws ERR_INVALID_ARG_TYPE   | it throws ERR_INVALID_ARG_TYPE (TypeError)                                                             |
      | 20   | null    | throws V8's TypeError         | it throws a TypeError without a code, with the message "Cannot read properties of null (reading 'signal')" |
      | >=22 | null    | throws ERR_INVALID_ARG_TYPE   | it throws ERR_INVALID_ARG_TYPE (TypeError)                                                             |

  @node:>=22
  Scenario Outline: the error names what events.on got: <received>
    When I try EventEmitter.on(e, "x", <options>)
    Then it throws ERR_INVALID_ARG_TYPE (TypeError)
    And the error's message is 'The "options" argument must be of type object. <received>'

    Examples:
      | options | received                     |
      | 5       | Received type number (5)     |
      | null    | Received null                |
      | []      | Received an instance of Array |

  Scenario: events.on with an empty options object listens on every line
    When iter = EventEmitter.on(e, "x", {})
    Then e.listenerCount("x") is 1

  Scenario Outline: events.once(e, "x", <options>) <outcome> on <node>
    When p = EventEmitter.once(e, "x", <options>)
    Then <check>

    Examples:
      | node | options | outcome                              | check                                                    |
      | 20   | 5       | ignores the options and listens      | e.listenerCount("x") is 1                                |
      | >=22 | 5       | rejects with ERR_INVALID_ARG_TYPE    | the promise p rejects with ERR_INVALID_ARG_TYPE (TypeError) |
      | 20   | null    | ignores the options and listens      | e.listenerCount("x") is 1                                |
      | >=22 | null    | rejects with ERR_INVALID_ARG_TYPE    | the promise p rejects with ERR_INVALID_ARG_TYPE (TypeError) |
