@process @program
Feature: The process object: who the process is, where it runs, what it was given
  process is a global EventEmitter. The source document lists its fields: pid, ppid, cwd(),
  platform, uptime(), env, argv, title and the standard streams. Each scenario runs
  programs/process_info (an ES module; its twin process_info.py uses
  nodespec.reference.process) and reads one printed fact.

  @claim:process-02 @claim:process-09 @claim:process-10 @claim:process-11 @claim:process-12 @claim:process-07
  Scenario Outline: process fact "<case>" prints "<line>"
    When the program "process_info" runs with "<case>"
    Then the program exits with code 0
    And the program prints:
      """
      <line>
      """

    Examples:
      | case          | line                           |
      | pid           | pid true                       |
      | ppid          | ppid-is-parent-pid true        |
      | cwd           | cwd-is-start-directory true    |
      | chdir         | cwd /tmp                       |
      | chdir-missing | error ENOENT chdir             |
      | platform      | platform linux                 |
      | uptime        | uptime-seconds true            |
      | env-number    | env string 42                  |
      | env-undefined | env string undefined           |
      | env-delete    | env undefined                  |
      | argv-0        | argv0-is-execPath true         |
      | argv-1        | argv1-is-script true           |

  @claim:process-07
  Scenario: process.env holds the variables the process was started with
    When the program "process_info" runs with "env-inherited" and NODESPEC_GIVEN="from the parent"
    Then the program exits with code 0
    And the program prints:
      """
      env from the parent
      """

  Scenario: process.argv holds the command-line arguments after the runtime and the script
    When the program "process_info" runs with "argv-args a b"
    Then the program exits with code 0
    And the program prints:
      """
      args ["a","b"]
      """

  @claim:process-01
  Scenario: a process.title that fits in the original command line reads back unchanged
    When the program "process_info" runs with "title"
    Then the program exits with code 0
    And the program prints:
      """
      title nodespec
      """

  @claim:process-01 @erratum
  Scenario: a process.title longer than the original command line is cut
    When the program "process_info" runs with "title-long"
    Then the program exits with code 0
    And the program prints:
      """
      title-cut true
      """

  @claim:child-06 @erratum
  Scenario: process.id does not exist: the process id is process.pid
    When the program "process_info" runs with "id"
    Then the program exits with code 0
    And the program prints:
      """
      process.id undefined
      """

  Scenario: process.nextTick passes its extra arguments to the callback
    When the program "process_info" runs with "next-tick-args"
    Then the program exits with code 0
    And the program prints:
      """
      tick-args 1 2
      """

  @claim:process-15
  Scenario: process.stdout and process.stderr are separate streams
    When the program "process_info" runs with "stdio"
    Then the program exits with code 0
    And the program prints:
      """
      to stdout
      """
    And the program's stderr contains "to stderr"

  Scenario: process.emitWarning with no listener of its own prints "(node:PID) Warning: message" to stderr
    When the program "process_info" runs with "warning"
    Then the program exits with code 0
    And the program prints nothing
    And the program's stderr contains ") Warning: something to know"
    And the program's stderr contains "(node:"

  Scenario: process.emitWarning emits 'warning' on a later tick, with the Warning's name and message
    When the program "process_info" runs with "warning-listener"
    Then the program exits with code 0
    And the program prints:
      """
      emitted
      warning Warning something to know
      """
