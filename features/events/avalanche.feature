@events @program
Feature: Coalescing concurrent requests for hot data (the avalanche pattern)
  The source document protects a slow read ("hot data") from a burst of identical requests: the first
  request starts the read, every request adds itself with once(), and the read's completion emits the
  result to all of them. The program runs a burst of N concurrent requests for one file, waits, then
  a second burst. The reference ships the corrected pattern as nodespec.reference.events.Coalescer.

  @claim:events-18 @claim:events-19
  Scenario: the document's select() (typos fixed) reads a hot file once for 10 concurrent callers
    When the program "events_coalesce" runs with "doc 10"
    Then the program exits with code 0
    And the program prints:
      """
      first wave: reads 1, callbacks 10, all the same true, got result hot data
      first wave: listeners left 0
      second wave: reads 2, callbacks 10, all the same true, got result hot data
      second wave: listeners left 0
      """
    And the program's stderr does not contain "MaxListenersExceededWarning"

  @claim:events-18
  Scenario: when the read fails every waiting caller gets the same error
    When the program "events_coalesce" runs with "doc 3 missing"
    Then the program exits with code 0
    And the program prints:
      """
      first wave: reads 1, callbacks 3, all the same true, got error ENOENT
      first wave: listeners left 0
      second wave: reads 2, callbacks 3, all the same true, got error ENOENT
      second wave: listeners left 0
      """

  @claim:events-21
  Scenario: the document's select() with 11 concurrent callers prints a MaxListenersExceededWarning for each burst
    When the program "events_coalesce" runs with "doc 11"
    Then the program exits with code 0
    And the program prints a line "first wave: reads 1, callbacks 11, all the same true, got result hot data"
    And the program's stderr contains 2 lines with "MaxListenersExceededWarning: Possible EventEmitter memory leak detected. 11 "
    And the program's stderr contains "listeners added to [EventEmitter]. MaxListeners is 10. Use emitter.setMaxListeners() to increase limit"

  @claim:events-21 @claim:events-18
  Scenario: the corrected pattern serves 11 concurrent callers with one read and no warning
    When the program "events_coalesce" runs with "fixed 11"
    Then the program exits with code 0
    And the program prints:
      """
      first wave: reads 1, callbacks 11, all the same true, got result hot data
      first wave: listeners left 0
      second wave: reads 2, callbacks 11, all the same true, got result hot data
      second wave: listeners left 0
      """
    And the program's stderr does not contain "MaxListenersExceededWarning"

  Scenario: the corrected pattern gives every caller the same error
    When the program "events_coalesce" runs with "fixed 3 missing"
    Then the program exits with code 0
    And the program prints:
      """
      first wave: reads 1, callbacks 3, all the same true, got error ENOENT
      first wave: listeners left 0
      second wave: reads 2, callbacks 3, all the same true, got error ENOENT
      second wave: listeners left 0
      """

  # WeakMap is JavaScript's: implementations in Python have nothing to run here (not applicable).
  @claim:events-20 @needs:javascript
  Scenario: a file name cannot be a WeakMap key, as the document suggests
    When the program "events_weakmap" runs
    Then the program exits with code 0
    And the program prints:
      """
      a string key throws TypeError
      an object key holds ready
      """
