@process @program
Feature: The source document's remaining claims about processes
  What the study note says in passing about the process object, fork and threads, set beside what Node
  does (features/claims/process.toml). The program is programs/process_lines (its twin uses
  nodespec.reference.process and child_process).

  @claim:process-16
  Scenario: net.Server() without new returns a Server, and a Server is an EventEmitter
    When the program "process_lines" runs with "net-server-without-new"
    Then the program exits with code 0
    And the program prints:
      """
      instanceof Server true instanceof EventEmitter true
      """

  @claim:process-20 @needs:javascript
  Scenario: process is a global: globalThis.process is the module node:process exports
    When the program "process_lines" runs with "global-process"
    Then the program exits with code 0
    And the program prints:
      """
      global process is the process module true
      """

  @claim:process-21 @erratum
  Scenario: a process started without an IPC channel has no process.send
    When the program "process_lines" runs with "send-without-ipc"
    Then the program exits with code 0
    And the program prints:
      """
      process.send undefined process.connected undefined
      """

  @claim:process-21
  Scenario: a forked child has process.send, and what it sends reaches the parent's 'message'
    When the program "process_lines" runs with "send-in-fork"
    Then the program exits with code 0
    And the program prints:
      """
      child says process.send function
      """

  @claim:process-22 @erratum
  Scenario: fork starts a fresh process that runs the module from the start: a global the parent set is undefined in the child
    When the program "process_lines" runs with "fork-fresh-globals"
    Then the program exits with code 0
    And the program prints:
      """
      child sees setInParent undefined own pid true
      """

  @claim:process-17
  Scenario: callbacks run on one thread: a timer due during a long synchronous loop runs only after it
    When the program "process_lines" runs with "blocked-timer"
    Then the program exits with code 0
    And the program prints:
      """
      loop done
      timer ran after the loop true
      """

  @claim:process-19 @needs:javascript
  Scenario: console.timeEnd with the label console.time started prints "label: N ms"; an unknown label prints nothing and warns
    When the program "process_lines" runs with "console-time"
    Then the program exits with code 0
    And the program prints:
      """
      timeEnd printed label and milliseconds true
      warning Warning No such label '没有' for console.timeEnd()
      """
