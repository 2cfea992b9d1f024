@events
Feature: The harness runs a scenario through the contract

  Scenario: A listener records its arguments
    Given harness: an emitter e
    When harness: e gets listener "A" for "x"
    And harness: "x" is emitted on e with 1, 'two'
    Then harness: the trace shows "A" called with [1, 'two']
    And harness: emit returned true

  Scenario: A scenario whose expectation is wrong
    Given harness: an emitter e
    When harness: "x" is emitted on e with 1
    Then harness: emit returned true
