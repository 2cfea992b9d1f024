@child_process @program
Feature: execFile runs a program without a shell
  execFile(file, args, options, callback) is exec without the shell: every argument reaches the program
  exactly as given, so shell syntax in an argument cannot run a command.

  @claim:child-03
  Scenario: "; touch FILE" in an argument stays a literal argument and runs nothing
    When the program "child_cases" runs with "execfile-literal"
    Then the program exits with code 0
    And the program prints:
      """
      stdout "hi; touch /tmp/nodespec-execfile-marker\n" marker-created false
      """

  @claim:child-03
  Scenario: $HOME and * in arguments are not expanded
    When the program "child_cases" runs with "execfile-no-expansion"
    Then the program exits with code 0
    And the program prints:
      """
      stdout "$HOME *\n"
      """

  Scenario: a missing program gives the callback an ENOENT error and empty stdout
    When the program "child_cases" runs with "execfile-enoent"
    Then the program exits with code 0
    And the program prints:
      """
      error ENOENT spawn nonexistent-cmd-nodespec stdout ""
      """
