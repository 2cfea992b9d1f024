@process @program
Feature: process.noDeprecation and process.throwDeprecation
  What --no-deprecation and --throw-deprecation set, a program can set too, on every line: with
  process.noDeprecation a DeprecationWarning is dropped (no 'warning' event, nothing on stderr) while
  other warnings still come; with process.throwDeprecation, emitWarning returns and the DeprecationWarning
  is thrown on a later tick, an uncaught exception: the process exits with code 1. The program is
  programs/process_lines (its twin uses nodespec.reference.process).

  Scenario: with process.noDeprecation a DeprecationWarning is dropped and other warnings still come
    When the program "process_lines" runs with "no-deprecation"
    Then the program exits with code 0
    And the program prints:
      """
      warnings Warning something else
      """
    And the program's stderr does not contain "old API"

  Scenario: with process.throwDeprecation a DeprecationWarning is thrown on a later tick and the process exits with code 1
    When the program "process_lines" runs with "throw-deprecation"
    Then the program exits with code 1
    And the program prints:
      """
      emitWarning returned
      exit 1
      """
    And the program's stderr contains "DeprecationWarning: old API"
