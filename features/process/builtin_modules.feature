@process @program
Feature: process.getBuiltinModule(id): a built-in module without an import
  process.getBuiltinModule(id) returns the module that importing id gives, with or without the node:
  prefix, on every supported line (Node 20 has it since 20.16); an id that is not a built-in (a
  missing name, a file path, a prefix-only module such as 'test' without its node: prefix) gives
  undefined, and an id that is not a string is ERR_INVALID_ARG_TYPE. The program is
  programs/process_lines (its twin uses nodespec.reference.process).

  Scenario: getBuiltinModule('node:events') and getBuiltinModule('events') are the module an import gives
    When the program "process_lines" runs with "builtin-modules"
    Then the program exits with code 0
    And the program prints:
      """
      events true unprefixed true crypto true child_process true process true
      """

  Scenario: an id that is not a built-in module gives undefined
    When the program "process_lines" runs with "builtin-modules-unknown"
    Then the program exits with code 0
    And the program prints:
      """
      nope undefined, node:nope undefined, test undefined, ./x.js undefined
      """

  Scenario: an id that is not a string throws ERR_INVALID_ARG_TYPE
    When the program "process_lines" runs with "builtin-modules-bad-id"
    Then the program exits with code 0
    And the program prints:
      """
      error TypeError ERR_INVALID_ARG_TYPE The "id" argument must be of type string. Received type number (5)
      """
