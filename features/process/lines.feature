@process @program
Feature: The process object where Node.js lines differ
  Node 22 made process.exitCode read the exit code the process will end with: an integral string reads
  back as its number, null as undefined, and the value as the int32 it becomes; Node 20 reads back
  what was assigned (it still exits with the same code). process.exit('2') hands the 'exit' listeners
  that value the same way. process.assert, deprecated (DEP0100), is gone from Node 24. The program is
  programs/process_lines (its twin uses nodespec.reference.process).

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
