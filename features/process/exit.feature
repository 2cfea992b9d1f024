@process @program
Feature: How a process ends: the 'exit' event and exit codes
  'beforeExit' fires when the event loop runs dry (not after process.exit()); 'exit' fires once, with
  the exit code, and nothing scheduled inside it runs. An uncaught exception exits with code 1 unless
  an 'uncaughtException' listener takes it. The program is programs/process_exit (an ES
  module; its twin process_exit.py runs under nodespec.reference.process.run_main).

  @claim:process-14
  Scenario: a process that runs out of work emits 'beforeExit' then 'exit' with code 0
    When the program "process_exit" runs with "normal"
    Then the program exits with code 0
    And the program prints:
      """
      main done
      beforeExit 0
      exit 0
      """

  @claim:process-14
  Scenario: process.exitCode is the code of a normal exit and what 'exit' receives
    When the program "process_exit" runs with "exit-code"
    Then the program exits with code 7
    And the program prints:
      """
      beforeExit 7
      exit 7
      """

  @claim:process-14
  Scenario: process.exit(3) ends the process at once with code 3, without 'beforeExit'
    When the program "process_exit" runs with "exit-call"
    Then the program exits with code 3
    And the program prints:
      """
      exit 3
      """

  @claim:process-14
  Scenario: an uncaught exception emits 'exit' with 1, prints the error and exits with code 1
    When the program "process_exit" runs with "uncaught"
    Then the program exits with code 1
    And the program prints:
      """
      exit 1
      """
    And the program's stderr contains "boom from main"

  @claim:process-13 @esm
  Scenario: a throw at an ES module's top level reaches 'uncaughtException' with origin 'unhandledRejection' and the process goes on
    When the program "process_exit" runs with "uncaught-handler"
    Then the program exits with code 0
    And the program prints:
      """
      caught boom unhandledRejection
      still running
      beforeExit 0
      exit 0
      """

  @claim:process-13
  Scenario: a throw in a timer callback reaches 'uncaughtException' with origin 'uncaughtException' and the process goes on
    When the program "process_exit" runs with "uncaught-handler-timer"
    Then the program exits with code 0
    And the program prints:
      """
      caught boom in a timer uncaughtException
      still running
      beforeExit 0
      exit 0
      """

  @claim:process-14
  Scenario: timers and nextTicks scheduled inside an 'exit' listener never run
    When the program "process_exit" runs with "exit-listener-defers"
    Then the program exits with code 0
    And the program prints:
      """
      exit 0
      """

  @claim:cluster-07 @erratum
  Scenario: process.exit(0) inside an 'exit' listener turns an uncaught exception's exit code 1 into 0
    When the program "process_exit" runs with "exit-in-exit-listener"
    Then the program exits with code 0
    And the program prints:
      """
      exit listener got 1
      """

  Scenario Outline: assigning <value> to process.exitCode throws <error>
    When the program "process_exit" runs with "<case>"
    Then the program exits with code 0
    And the program prints:
      """
      error <error>
      """

    Examples:
      | value | case               | error                          |
      | 'abc' | exit-code-string   | TypeError ERR_INVALID_ARG_TYPE |
      | 1.5   | exit-code-fraction | RangeError ERR_OUT_OF_RANGE    |

  Scenario Outline: an 'exit' listener that throws prints the error and the process exits with <code> (<how>)
    When the program "process_exit" runs with "exit-listener-throws <case>"
    Then the program exits with code <code>
    And the program prints nothing
    And the program's stderr contains "thrown in exit"

    Examples:
      | how                                    | case        | code |
      | a normal end: no exit code was set     | natural     | 1    |
      | process.exitCode = 3 was set           | exit-code-3 | 3    |
      | process.exit(0) called the listeners   | exit-0      | 0    |
