@cluster @program
Feature: The source document's master: fork + send the server handle, respawn on 'suicide', stop on signals
  master.js forks one worker per CPU, sends each the listening server (worker.send('server', server)),
  forks a replacement when a worker announces its death with {act: 'suicide'}, and on SIGINT, SIGQUIT or
  SIGTERM kills its workers and exits. The program (programs/cluster_pattern) is an
  observer: it forks the master (its typo for('worker.js') fixed to fork), which reports over IPC;
  the observer makes requests and sends signals, and checks that no worker outlives the master.

  @claim:cluster-01 @claim:cluster-04
  Scenario: the master forks one worker per CPU
    When the program "cluster_pattern" runs with "per-cpu"
    Then the program exits with code 0
    And the program prints:
      """
      workers one per CPU
      """

  @claim:cluster-02 @claim:cluster-04
  Scenario: the workers answer the requests on the master's server, never the master
    When the program "cluster_pattern" runs with "serves"
    Then the program exits with code 0
    And the program prints:
      """
      answered 6 by workers true not by master true
      """

  @claim:cluster-03 @slow
  Scenario: a worker that announces its death is replaced before it exits, its replacement serves, and the pool keeps answering
    When the program "cluster_pattern" runs with "suicide"
    Then the program exits with code 0
    And the program prints:
      """
      replacement forked before the old worker exited true
      old worker exit code 1
      pool size 2 still answering true replacements serving true
      """

  @claim:cluster-05
  Scenario: a worker killed by SIGKILL is not replaced by the document's master
    When the program "cluster_pattern" runs with "sigkill"
    Then the program exits with code 0
    And the program prints:
      """
      killed worker null SIGKILL replaced false pool size 1
      """

  @claim:cluster-06
  Scenario Outline: <signal> to the master stops every worker and the master exits with code 0
    When the program "cluster_pattern" runs with "signal <signal>"
    Then the program exits with code 0
    And the program prints:
      """
      master exit 0 null workers left 0
      """

    Examples:
      | signal  |
      | SIGINT  |
      | SIGQUIT |
      | SIGTERM |
