@child_process @program
Feature: The source document's remaining claims about starting children
  spawn's command, execFile's callback, the forked computation and its answer, as the study note shows
  them, set beside what Node does (features/claims/process.toml). The program is programs/child_lines
  (its twin uses nodespec.reference.child_process).

  @claim:child-10 @erratum
  Scenario: spawn's command is a program's name, not a command line: spawn('echo hello') emits 'error' ENOENT, then 'close' with -2
    When the program "child_lines" runs with "spawn-command-line"
    Then the program exits with code 0
    And the program prints:
      """
      error ENOENT "spawn echo hello ENOENT"
      close -2 null
      """

  @claim:child-10
  Scenario: spawn(command, args) runs the program with its arguments
    When the program "child_lines" runs with "spawn-program-and-args"
    Then the program exits with code 0
    And the program prints:
      """
      stdout "hello\n"
      """

  @claim:child-11
  Scenario: execFile of the runtime with its version flag calls back with (null, the version and a newline, '')
    When the program "child_lines" runs with "execfile-version"
    Then the program exits with code 0
    And the program prints:
      """
      error null stdout is the version and a newline true stderr ""
      """

  @claim:child-12 @erratum @needs:javascript
  Scenario: res.end('Sum is ${sum}') in single quotes is the literal text, not the sum: only backquotes make a template literal
    When the program "child_lines" runs with "single-quoted-sum"
    Then the program exits with code 0
    And the program prints:
      """
      answer Sum is ${sum} sum 45
      """

  @claim:child-13 @erratum
  Scenario: fork of a module that does not exist starts a child that fails with "Cannot find module", closes with code 1 and never sends a message
    When the program "child_lines" runs with "fork-missing-module"
    Then the program exits with code 0
    And the program prints:
      """
      close 1 null Cannot find module true
      """
