@child_process @program
Feature: What child_process deprecated or removed, line by line
  Passing arguments to a command that a shell will run (shell: true plus an args array) concatenates
  them unescaped: Node 24 made it a runtime deprecation (DEP0190), one warning per process; a command
  line without args stays silent on every line. ChildProcess._channel, an alias of .channel that warned
  (DEP0129) up to Node 24, is gone in Node 26, on the parent's ChildProcess and in the child's process.
  The program is programs/child_lines (its twin uses nodespec.reference.child_process); each case prints
  what it saw, then the process warnings its turn emitted.

  Scenario Outline: spawn with shell: true and an args array runs the joined command line and warns on <node>
    When the program "child_lines" runs with "shell-args"
    Then the program exits with code 0
    And the program prints:
      """
      stdout "a b\n"
      warnings <warnings>
      """

    Examples:
      | node  | warnings                     |
      | 20-22 | none                         |
      | >=24  | DeprecationWarning DEP0190   |

  Scenario Outline: execFile with shell: true and an args array warns on <node> too
    When the program "child_lines" runs with "execfile-shell-args"
    Then the program exits with code 0
    And the program prints:
      """
      stdout "a b\n"
      warnings <warnings>
      """

    Examples:
      | node  | warnings                     |
      | 20-22 | none                         |
      | >=24  | DeprecationWarning DEP0190   |

  @node:>=24
  Scenario: the DEP0190 warning says why: the arguments are concatenated, not escaped
    When the program "child_lines" runs with "shell-args-message"
    Then the program exits with code 0
    And the program prints:
      """
      DeprecationWarning DEP0190 Passing args to a child process with shell option true can lead to security vulnerabilities, as the arguments are not escaped, only concatenated.
      """

  Scenario Outline: DEP0190 is emitted at most once per process (<count> on <node>)
    When the program "child_lines" runs with "shell-args-twice"
    Then the program exits with code 0
    And the program prints:
      """
      DEP0190 warnings <count>
      """

    Examples:
      | node  | count |
      | 20-22 | 0     |
      | >=24  | 1     |

  Scenario: a shell command line without args does not warn on any line
    When the program "child_lines" runs with "shell-no-args"
    Then the program exits with code 0
    And the program prints:
      """
      stdout "a b\n"
      warnings none
      """

  Scenario: exec never passes args to its shell, so it never warns
    When the program "child_lines" runs with "exec-command-line"
    Then the program exits with code 0
    And the program prints:
      """
      stdout "a b\n"
      warnings none
      """

  Scenario Outline: ChildProcess._channel in the parent and process._channel in a forked child: <what> on <node>
    When the program "child_lines" runs with "fork-channel"
    Then the program exits with code 0
    And the program prints:
      """
      parent typeof _channel <type> is channel <alias>
      child typeof _channel <type> is channel <alias> warnings <child warnings>
      warnings <parent warnings>
      """

    Examples:
      | node  | what                               | type      | alias | child warnings | parent warnings            |
      | 20-24 | the channel, with a DEP0129 warning | object    | true  | DEP0129        | DeprecationWarning DEP0129 |
      | >=26  | gone                               | undefined | false | none           | none                       |
