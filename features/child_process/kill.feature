@child_process @program
Feature: Killing a child
  child.kill(signal = 'SIGTERM') sends a signal; a child ended by a signal reports 'exit'(null, signal).
  kill() returns whether the signal was sent.

  @claim:child-09
  Scenario: kill() sends SIGTERM: 'exit' gets (null, 'SIGTERM') and child.killed is true
    When the program "child_cases" runs with "kill-default"
    Then the program exits with code 0
    And the program prints:
      """
      kill returned true
      exit null SIGTERM killed true
      """

  Scenario Outline: kill('<signal>') ends the child with <signal>: signalCode is set and exitCode is null
    When the program "child_cases" runs with "kill-signal <signal>"
    Then the program exits with code 0
    And the program prints:
      """
      exit null <signal> signalCode <signal> exitCode null
      """

    Examples:
      | signal  |
      | SIGKILL |
      | SIGINT  |

  Scenario: kill() with an unknown signal throws ERR_UNKNOWN_SIGNAL
    When the program "child_cases" runs with "kill-unknown"
    Then the program exits with code 0
    And the program prints:
      """
      error TypeError ERR_UNKNOWN_SIGNAL
      """

  Scenario: kill() after the child has exited returns false and leaves killed false
    When the program "child_cases" runs with "kill-after-exit"
    Then the program exits with code 0
    And the program prints:
      """
      kill returned false killed false
      """

  Scenario: a child that handles SIGTERM and exits 0 is reported as exit(0, null)
    When the program "child_cases" runs with "kill-handled"
    Then the program exits with code 0
    And the program prints:
      """
      exit 0 null
      """
