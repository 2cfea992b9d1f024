@events
Feature: A driver that crashes or hangs fails one scenario and is restarted

  Scenario: 1 before the trouble
    Given harness: an emitter e
    When harness: e gets listener "A" for "x"
    And harness: "x" is emitted on e with 1
    Then harness: emit returned true

  Scenario: 2 the driver crashes
    Given harness: an emitter e
    When harness: the driver crashes

  Scenario: 3 after the crash
    Given harness: an emitter e
    When harness: e gets listener "A" for "x"
    And harness: "x" is emitted on e with 1
    Then harness: emit returned true

  Scenario: 4 the driver hangs
    Given harness: an emitter e
    When harness: the driver hangs

  Scenario: 5 after the hang
    Given harness: an emitter e
    When harness: e gets listener "A" for "x"
    And harness: "x" is emitted on e with 1
    Then harness: emit returned true
