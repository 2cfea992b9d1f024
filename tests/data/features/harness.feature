@events
Feature: The harness runs a scenario through the contract

  Scenario: A listener records its arguments
    Given an emitter e
    When e gets listener "A" for "x"
    And "x" is emitted on e with 1, 'two'
    Then the trace shows "A" called with [1, 'two']
    And emit returned true

  Scenario: A scenario whose expectation is wrong
    Given an emitter e
    When "x" is emitted on e with 1
    Then emit returned true
