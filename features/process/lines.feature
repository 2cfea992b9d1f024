@process @program
Feature: The process object where Node.js lines differ
  Node 22 made process.exitCode read the exit code the process will end with: an integral string reads
  back as its number, null as undefined, and the value as the int32 it becomes; Node 20 reads back
  what was assigned (it still exits with the same code). process.exit('2') hands the 'exit' listeners
  that value the same way. process.assert, deprecated (DEP0100), is gone from Node 24. Node 22 added
  process.execve (a failed exec aborted the process up to 24; from 26 it throws), process.ref,
  process.unref and process.threadCpuUsage. The program is programs/process_lines (its twin uses
  nodespec.reference.process).

  Scenario Outline: process.exitCode = <value> reads back as <reads> on <node> and the process exits with <status>
    When the program "process_lines" runs with "exit-code-reads <case>"
    Then the program exits with code <status>
    And the program prints:
      """
      exitCode <reads>
      """

    Examples:
      | node | value   | case       | reads                  | status |
      | 20   | '1'     | string-1   | string "1"             | 1      |
      | >=22 | '1'     | string-1   | number 1               | 1      |
      | 20   | '0x10'  | hex-string | string "0x10"          | 16     |
      | >=22 | '0x10'  | hex-string | number 16              | 16     |
      | 20   | null    | null       | object null            | 0      |
      | >=22 | null    | null       | undefined undefined    | 0      |
      | 20   | 2 ** 31 | two-pow-31 | number 2147483648      | 0      |
      | >=22 | 2 ** 31 | two-pow-31 | number -2147483648     | 0      |

  Scenario Outline: process.exit('2') gives the 'exit' listeners <given> on <node>
    When the program "process_lines" runs with "exit-listener-code"
    Then the program exits with code 2
    And the program prints:
      """
      exit <given>
      """

    Examples:
      | node | given    |
      | 20   | string 2 |
      | >=22 | number 2 |

  Scenario Outline: process.assert is <what> on <node>
    When the program "process_lines" runs with "assert"
    Then the program exits with code 0
    And the program prints:
      """
      process.assert <outcome>
      """

    Examples:
      | node  | what                                             | outcome                                                                      |
      | 20-22 | deprecated: it warns DEP0100 and throws ERR_ASSERTION | function throws Error ERR_ASSERTION nope warnings DeprecationWarning DEP0100 |
      | >=24  | gone                                             | undefined warnings none                                                      |

  Scenario Outline: process.<name> is <type> on <node>: new in Node 22
    When the program "process_lines" runs with "typeof <name>"
    Then the program exits with code 0
    And the program prints:
      """
      process.<name> <type>
      """

    Examples:
      | node | name           | type      |
      | 20   | execve         | undefined |
      | >=22 | execve         | function  |
      | 20   | threadCpuUsage | undefined |
      | >=22 | threadCpuUsage | function  |
      | 20   | ref            | undefined |
      | >=22 | ref            | function  |
      | 20   | unref          | undefined |
      | >=22 | unref          | function  |

  @node:>=22
  Scenario: process.execve replaces the process with another program: same pid, and no 'exit' listener runs
    When the program "process_lines" runs with "execve"
    Then the program exits with code 0
    And the program prints:
      """
      before execve
      after execve, same pid: true
      """

  @node:>=22
  Scenario: process.execve gives the new program the environment it is passed
    When the program "process_lines" runs with "execve-env"
    Then the program exits with code 0
    And the program prints:
      """
      ONLY=this
      """

  @node:22-24
  Scenario: on Node 22 and 24 an execve that fails aborts the process
    When the program "process_lines" runs with "execve-missing"
    Then the program is killed by SIGABRT
    And the program prints nothing
    And the program's stderr contains "process.execve failed with error code ENOENT"

  @node:>=26
  Scenario: from Node 26 an execve that fails throws the system error and the process goes on
    When the program "process_lines" runs with "execve-missing"
    Then the program exits with code 0
    And the program prints:
      """
      threw Error ENOENT execve ENOENT, No such file or directory '/nonexistent/nodespec'
      """

  @node:>=22
  Scenario: process.unref(timer) lets the process end before the timer fires
    When the program "process_lines" runs with "unref-timer"
    Then the program exits with code 0
    And the program prints:
      """
      unref returned
      """

  @node:>=22
  Scenario: process.ref(timer) keeps an unref'd timer's process alive until it fires
    When the program "process_lines" runs with "ref-timer"
    Then the program exits with code 0
    And the program prints:
      """
      timer ran
      """

  @node:>=22
  Scenario: process.ref and process.unref ignore a value that has no ref or unref
    When the program "process_lines" runs with "ref-plain"
    Then the program exits with code 0
    And the program prints:
      """
      nothing to ref: no error
      """

  @node:>=22
  Scenario: process.threadCpuUsage() gives this thread's user and system microseconds, or the difference from a previous value, which it checks
    When the program "process_lines" runs with "thread-cpu-usage"
    Then the program exits with code 0
    And the program prints:
      """
      keys user,system integers true a difference true
      error RangeError ERR_INVALID_ARG_VALUE The property 'prevValue.user' is invalid. Received -1
      """
