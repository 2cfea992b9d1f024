@events
Feature: A run that leaves a process behind

  Scenario: A step starts a process that escapes the harness
    Given harness: an emitter e
    When harness: a process escapes the run
    Then harness: the trace shows nothing
