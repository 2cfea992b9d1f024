@events
Feature: The 'error' event
  'error' is special: emitted with no 'error' listener, emit() throws. An Error is thrown as it is; any
  other value is wrapped in ERR_UNHANDLED_ERROR, which carries it as `context`. errorMonitor listeners
  observe errors without handling them. Uncaught, the throw ends the process with code 1.

  Background:
    Given e = new EventEmitter()

  @claim:events-22
  Scenario: emitting 'error' without a listener throws the Error itself
    Then e.emit("error", new Error("错误信息")) throws an Error without a code, with the message "错误信息"

  Scenario Outline: an unhandled <class> keeps its class
    Then e.emit("error", new <class>("bad")) throws a <class> without a code, with the message "bad"

    Examples:
      | class      |
      | TypeError  |
      | RangeError |

  Scenario Outline: emitting 'error' with <what> throws ERR_UNHANDLED_ERROR with Node's message
    When I try e.emit("error", <value>)
    Then it throws ERR_UNHANDLED_ERROR (Error)
    And the error's message is "<message>"

    Examples:
      | what          | value          | message                         |
      | a string      | "str"          | Unhandled error. ('str')        |
      | a number      | 42             | Unhandled error. (42)           |
      | an object     | {"message": "m"} | Unhandled error. ({ message: 'm' }) |
      | a list        | [1, 2]         | Unhandled error. ([ 1, 2 ])     |
      | a boolean     | true           | Unhandled error. (true)         |

  Scenario: emitting 'error' with no value throws ERR_UNHANDLED_ERROR mentioning undefined
    When I try e.emit("error")
    Then it throws ERR_UNHANDLED_ERROR (Error)
    And the error's message is "Unhandled error. (undefined)"

  Scenario: ERR_UNHANDLED_ERROR carries the emitted value as its context
    When I try e.emit("error", "just a string")
    Then the error's context is "just a string"

  @claim:events-23
  Scenario: with an 'error' listener, emitting 'error' calls it and returns true
    When e.on("error", H)
    Then e.emit("error", "oops") is true
    And the trace is:
      | H("oops") |

  Scenario: a once('error') listener handles one error only
    When e.once("error", H)
    And e.emit("error", "first")
    Then e.emit("error", "second") throws ERR_UNHANDLED_ERROR

  Scenario: errorMonitor is the symbol events.errorMonitor
    Then EventEmitter.errorMonitor is Symbol("events.errorMonitor")

  Scenario: an errorMonitor listener sees the error and the emit still throws
    When e.on(errorMonitor, M)
    Then e.emit("error", "mon") throws ERR_UNHANDLED_ERROR
    And the trace is:
      | M("mon") |

  Scenario: errorMonitor listeners run before the 'error' listeners
    When e.on("error", H)
    And e.on(errorMonitor, M)
    And e.emit("error", "mon2")
    Then the trace is:
      | M("mon2") |
      | H("mon2") |

  Scenario: errorMonitor appears among the event names as a symbol
    When e.on(errorMonitor, M)
    Then e.eventNames() is [Symbol("events.errorMonitor")]

  Scenario: the listeners after a throwing 'error' listener do not run
    Given listener H does: throw new Error("handler failed")
    When e.on("error", H)
    And e.on("error", I)
    Then e.emit("error", "x") throws an Error without a code, with the message "handler failed"
    And the trace is:
      | H("x") |

  Scenario Outline: <method> with a listener that is <what> throws ERR_INVALID_ARG_TYPE
    When I try e.<method>("x", <value>)
    Then it throws ERR_INVALID_ARG_TYPE (TypeError)

    Examples:
      | method              | what      | value   |
      | on                  | a string  | "notfn" |
      | addListener         | a number  | 1       |
      | once                | an object | {}      |
      | prependListener     | a list    | []      |
      | prependOnceListener | a string  | "notfn" |
      | removeListener      | a number  | 1       |
      | off                 | undefined | undefined |

  Scenario: the ERR_INVALID_ARG_TYPE message names the listener argument and what it received
    When I try e.on("x", "notfn")
    Then the error's message is "The \"listener\" argument must be of type function. Received type string ('notfn')"

  @program @claim:events-22
  Scenario: an unhandled 'error' event ends the process with code 1 and prints the error
    When the program "events_unhandled_error" runs with "error"
    Then the program exits with code 1
    And the program prints:
      """
      before
      exit 1
      """
    And the program's stderr contains "kaboom"

  @program @claim:events-22
  Scenario: an unhandled 'error' with a string ends the process with code 1 and ERR_UNHANDLED_ERROR
    When the program "events_unhandled_error" runs with "string"
    Then the program exits with code 1
    And the program's stderr contains "ERR_UNHANDLED_ERROR"
    And the program's stderr contains "Unhandled error. ('just a string')"

  @program @claim:events-22
  Scenario: a process 'uncaughtException' listener keeps the process alive after an unhandled 'error'
    When the program "events_unhandled_error" runs with "uncaught-handler"
    Then the program exits with code 0
    And the program prints:
      """
      before
      caught kaboom
      still alive
      exit 0
      """

  @program @claim:events-22 @claim:events-23
  Scenario: an 'error' listener keeps the process alive
    When the program "events_unhandled_error" runs with "listener"
    Then the program exits with code 0
    And the program prints:
      """
      before
      handled kaboom
      after
      exit 0
      """

  @program @claim:events-22
  Scenario: a try/catch around emit catches an unhandled 'error'
    When the program "events_unhandled_error" runs with "try"
    Then the program exits with code 0
    And the program prints:
      """
      before
      caught kaboom
      after
      exit 0
      """
