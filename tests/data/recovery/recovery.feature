@events
Feature: A driver that crashes or hangs fails one scenario and is restarted

  Scenario: 1 before the trouble
    Given an emitter e
    When e gets listener "A" for "x"
    And "x" is emitted on e with 1
    Then emit returned true

  Scenario: 2 the driver crashes
    Given an emitter e
    When the driver crashes

  Scenario: 3 after the crash
    Given an emitter e
    When e gets listener "A" for "x"
    And "x" is emitted on e with 1
    Then emit returned true

  Scenario: 4 the driver hangs
    Given an emitter e
    When the driver hangs

  Scenario: 5 after the hang
    Given an emitter e
    When e gets listener "A" for "x"
    And "x" is emitted on e with 1
    Then emit returned true
