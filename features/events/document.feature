@events @program
Feature: The source document's events examples, run as written
  The document's first example (基本使用) registers a listener that logs a template string and emits
  "起床" with "6:00". Its comment says it prints 早上6:00起床，新的一天加油; run as written, it prints the
  string the listener builds, with the word 开始 that the comment drops.

  @claim:events-25
  Scenario: the first example prints the line its listener builds, 开始 included
    When the program "events_document_first" runs
    Then the program exits with code 0
    And the program prints:
      """
      早上6:00开始起床，新的一天加油
      """
