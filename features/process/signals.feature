@process @program
Feature: Signals sent to the process
  A listener for a signal replaces the signal's default action and receives (name, number); with no
  listener the process is killed by the signal; SIGKILL and SIGSTOP cannot be listened for. The
  program (programs/process_signals) sends the signal to itself with process.kill.

  Scenario Outline: a <signal> listener receives the name and number <number> and the process keeps running
    When the program "process_signals" runs with "listener <signal>"
    Then the program exits with code 0
    And the program prints:
      """
      received <signal> <number>
      still alive
      """

    Examples:
      | signal  | number |
      | SIGINT  | 2      |
      | SIGTERM | 15     |
      | SIGQUIT | 3      |
      | SIGHUP  | 1      |
      | SIGUSR2 | 12     |

  Scenario Outline: with no listener, <signal> kills the process
    When the program "process_signals" runs with "default <signal>"
    Then the program is killed by <signal>
    And the program prints nothing

    Examples:
      | signal  |
      | SIGTERM |
      | SIGINT  |

  Scenario Outline: listening for <signal> throws EINVAL from uv_signal_start
    When the program "process_signals" runs with "uncatchable <signal>"
    Then the program exits with code 0
    And the program prints:
      """
      error EINVAL uv_signal_start
      """

    Examples:
      | signal  |
      | SIGKILL |
      | SIGSTOP |

  Scenario: process.kill with an unknown signal name throws ERR_UNKNOWN_SIGNAL
    When the program "process_signals" runs with "unknown"
    Then the program exits with code 0
    And the program prints:
      """
      error TypeError ERR_UNKNOWN_SIGNAL
      """

  Scenario: a signal listener does not keep the process alive
    When the program "process_signals" runs with "no-keepalive"
    Then the program exits with code 0
    And the program prints:
      """
      main done
      """
