@events
Feature: Function names, as Node's
  A function's name is part of what code sees (stack traces, util.inspect, code that dispatches on
  fn.name). The aliases are one function: emitter.on is addListener and emitter.off is removeListener,
  so their name is the original's; EventEmitter.setMaxListeners is an anonymous function.

  Background:
    Given e = new EventEmitter()

  Scenario Outline: <function>.name is '<name>'
    Then <function>.name is '<name>'

    Examples: the module's functions
      | function                       | name              |
      | EventEmitter                   | EventEmitter      |
      | EventEmitter.once              | once              |
      | EventEmitter.on                | on                |
      | EventEmitter.getEventListeners | getEventListeners |
      | EventEmitter.getMaxListeners   | getMaxListeners   |
      | EventEmitter.addAbortListener  | addAbortListener  |
      | EventEmitter.setMaxListeners   |                   |

    Examples: an emitter's methods
      | function               | name                |
      | e.on                   | addListener         |
      | e.addListener          | addListener         |
      | e.off                  | removeListener      |
      | e.removeListener       | removeListener      |
      | e.once                 | once                |
      | e.prependListener      | prependListener     |
      | e.prependOnceListener  | prependOnceListener |
      | e.emit                 | emit                |
      | e.removeAllListeners   | removeAllListeners  |
      | e.listeners            | listeners           |
      | e.rawListeners         | rawListeners        |
      | e.listenerCount        | listenerCount       |
      | e.eventNames           | eventNames          |
      | e.setMaxListeners      | setMaxListeners     |
      | e.getMaxListeners      | getMaxListeners     |

  Scenario: emitter.on is emitter.addListener, and emitter.off is emitter.removeListener
    Then e.on is the same object as e.addListener
    And e.off is the same object as e.removeListener
