@child_process @program
Feature: exec runs a command line in a shell and buffers its output
  exec(command, options, callback) runs /bin/sh -c command and calls callback(error, stdout, stderr)
  once the child has closed. Its output is buffered up to maxBuffer: Node 20's default is 1024 * 1024
  bytes, not the 200 KB of the source document (that was Node 11's). Past the limit the output is cut,
  the child is killed and the callback gets ERR_CHILD_PROCESS_STDIO_MAXBUFFER; the parent does not
  crash.

  Scenario: exec runs its command through a shell and passes (null, stdout, stderr)
    When the program "child_cases" runs with "exec-shell"
    Then the program exits with code 0
    And the program prints:
      """
      error null stdout "t\n" stderr ""
      """

  @claim:child-02 @erratum
  Scenario Outline: exec with <bytes> bytes of stdout and the default maxBuffer gives <outcome>
    When the program "child_cases" runs with "exec-bytes <bytes>"
    Then the program exits with code 0
    And the program prints:
      """
      <outcome> stdout-bytes <kept>
      """

    Examples:
      | bytes   | outcome                                                                                      | kept    |
      | 204801  | ok                                                                                           | 204801  |
      | 1048576 | ok                                                                                           | 1048576 |
      | 1048577 | error RangeError ERR_CHILD_PROCESS_STDIO_MAXBUFFER "stdout maxBuffer length exceeded"        | 1048576 |

  @claim:child-02
  Scenario: past maxBuffer the child is killed with SIGTERM and the callback comes at once
    When the program "child_cases" runs with "exec-maxbuffer-kill"
    Then the program exits with code 0
    And the program prints:
      """
      exit null SIGTERM
      error ERR_CHILD_PROCESS_STDIO_MAXBUFFER stdout-bytes 1000 killed true prompt true
      """

  @claim:child-02
  Scenario: maxBuffer applies to stderr too
    When the program "child_cases" runs with "exec-maxbuffer-stderr"
    Then the program exits with code 0
    And the program prints:
      """
      error ERR_CHILD_PROCESS_STDIO_MAXBUFFER "stderr maxBuffer length exceeded" stderr-bytes 1000
      """

  Scenario: a non-zero exit gives an error with the exit code, "Command failed" and the stderr
    When the program "child_cases" runs with "exec-nonzero"
    Then the program exits with code 0
    And the program prints:
      """
      code 3 killed false signal null message "Command failed: echo bad >&2; exit 3\nbad\n" stderr "bad\n"
      """

  Scenario: a command the shell cannot find gives exit code 127
    When the program "child_cases" runs with "exec-missing"
    Then the program exits with code 0
    And the program prints:
      """
      code 127
      """

  Scenario: the timeout option kills the child with SIGTERM and reports killed
    When the program "child_cases" runs with "exec-timeout"
    Then the program exits with code 0
    And the program prints:
      """
      code null killed true signal SIGTERM prompt true
      """

  @claim:child-07 @erratum
  Scenario: exec leaves the child's stdin open, so a child that reads stdin (like 'node - v') waits until it is killed
    When the program "child_cases" runs with "exec-stdin-open"
    Then the program exits with code 0
    And the program prints:
      """
      killed true signal SIGTERM stdout ""
      """

  Scenario: a shell killed by a signal it sent itself gives signal SIGTERM with killed false
    When the program "child_cases" runs with "exec-shell-killed"
    Then the program exits with code 0
    And the program prints:
      """
      code null killed false signal SIGTERM
      """
