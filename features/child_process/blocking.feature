@child_process @program @slow
Feature: A blocking computation stalls a server; a forked child does not
  The source document's example: a server whose /compute runs a long loop in the request handler makes
  every other request wait; moving the loop into a forked child keeps the server answering. The
  program forks the server, asks /compute (a bounded 600 ms busy loop), then /ok as soon as the server
  says /compute is in flight, and reports whether /ok waited (answered after 300 ms or more). Loopback only.

  @claim:process-03 @claim:process-18
  Scenario: with the loop in the request handler, /ok waits for /compute
    When the program "child_blocking" runs with "inprocess"
    Then the program exits with code 0
    And the program prints:
      """
      ok answered ok waited-for-compute true
      compute answered true
      """

  @claim:process-04
  Scenario: with the loop in a forked child, /ok is answered at once
    When the program "child_blocking" runs with "forked"
    Then the program exits with code 0
    And the program prints:
      """
      ok answered ok waited-for-compute false
      compute answered true
      """

  @claim:process-05 @erratum
  Scenario: the document's res.end(sum) with a number throws ERR_INVALID_ARG_TYPE and takes the server down
    When the program "child_blocking" runs with "doc-end-number"
    Then the program exits with code 0
    And the program prints:
      """
      answered false server exit 1 mentions ERR_INVALID_ARG_TYPE true
      """
