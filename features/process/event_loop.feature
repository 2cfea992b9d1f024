@process @program
Feature: The event loop's order: synchronous code, nextTicks, promises, then timers and immediates
  After each macrotask Node drains the whole process.nextTick queue, then the whole microtask queue
  (promise callbacks, queueMicrotask), again until both are empty; then the loop moves on through its
  phases: timers, I/O (poll), immediates (check). A CommonJS main module runs as a macrotask, so its
  nextTicks come first; an ES module is evaluated inside a promise job, so its promise callbacks come
  first. Each program prints the order of its callbacks as one comma-separated line
  (programs/process_order_cjs.cjs: the CommonJS cases, programs/process_order.mjs: the ES module
  ones; their twins process_order_cjs.py and process_order.py use nodespec.reference.loop).

  @claim:process-08 @cjs
  Scenario Outline: in a CommonJS module, <case> gives <order>
    When the program "process_order_cjs" runs with "<case>"
    Then the program exits with code 0
    And the program prints:
      """
      <order>
      """

    Examples:
      | case                         | order                                  |
      | tick-before-promise          | sync,tick,promise                      |
      | nested-ticks                 | tick1,tick2,tick3,promise              |
      | microtask-fifo               | promise1,microtask,promise2            |
      | tick-from-promise            | promise1,promise2,tick-from-promise    |
      | microtasks-before-macrotasks | sync,tick,promise,macrotask,macrotask  |
      | between-immediates           | immediateA,tickA,promiseA,immediateB   |
      | between-timers               | timer1,promise1,timer2                 |
      | immediate-from-immediate     | immediateA,immediateB,immediateC       |

  @cjs
  Scenario: inside an I/O callback setImmediate runs before setTimeout(0), after nextTicks and promises
    When the program "process_order_cjs" runs with "io-callback"
    Then the program exits with code 0
    And the program prints:
      """
      tick,promise,immediate,timeout
      """

  @cjs
  Scenario: in the main module setTimeout(0) and setImmediate run in either order
    When the program "process_order_cjs" runs with "timeout-vs-immediate"
    Then the program exits with code 0
    And the program prints either "timeout,immediate" or "immediate,timeout"

  @claim:process-08 @esm @erratum
  Scenario: in an ES module promise callbacks and queueMicrotask run before process.nextTick
    When the program "process_order" runs with "esm-promise-before-tick"
    Then the program exits with code 0
    And the program prints:
      """
      sync,promise,microtask,tick
      """

  @claim:process-08 @esm
  Scenario: in an ES module the nextTick queue drains once the first microtasks are done, then the microtasks it queued
    When the program "process_order" runs with "esm-ticks-and-promises"
    Then the program exits with code 0
    And the program prints:
      """
      promise1,promise2,tick,tick-from-promise,promise-from-tick
      """
