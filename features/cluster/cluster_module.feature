@cluster @program
Feature: node:cluster — a primary and its workers sharing one port
  The same module is the primary and, re-run by cluster.fork(), each worker. Workers that call
  server.listen() share one listening socket owned by the primary. The primary sees each worker go
  through 'fork', 'online', 'listening', and at the end 'disconnect' and 'exit'. The program is
  programs/cluster_module; its twin uses nodespec.reference.cluster.

  @claim:process-06
  Scenario: cluster.isPrimary is true in the primary and cluster.isWorker in a forked worker
    When the program "cluster_module" runs with "roles"
    Then the program exits with code 0
    And the program prints:
      """
      primary isPrimary true isWorker false
      worker isPrimary false isWorker true id 1
      """

  @claim:cluster-01
  Scenario: a primary that forks os.cpus().length workers gets one listening worker per CPU
    When the program "cluster_module" runs with "default-count"
    Then the program exits with code 0
    And the program prints:
      """
      workers one per CPU
      """

  Scenario: a worker goes through fork, online and listening, and ends with disconnect and exit
    When the program "cluster_module" runs with "events"
    Then the program exits with code 0
    And the program prints:
      """
      first three fork,online,listening
      all five disconnect,exit,fork,listening,online
      """

  Scenario: two workers listening on port 0 share one port
    When the program "cluster_module" runs with "shared-port"
    Then the program exits with code 0
    And the program prints:
      """
      same port true
      """

  Scenario: requests are answered by the workers, not by the primary
    When the program "cluster_module" runs with "serves"
    Then the program exits with code 0
    And the program prints:
      """
      answered 6 by workers true not by primary true
      """

  Scenario: a crashed worker exits with code 1, exitedAfterDisconnect false, and a replacement fills the pool
    When the program "cluster_module" runs with "crash"
    Then the program exits with code 0
    And the program prints:
      """
      exit id 1 code 1 signal null exitedAfterDisconnect false
      replacement id 3 workers 2
      """

  Scenario: worker.kill() ends the worker with SIGTERM and leaves exitedAfterDisconnect false
    When the program "cluster_module" runs with "kill"
    Then the program exits with code 0
    And the program prints:
      """
      exit code null signal SIGTERM exitedAfterDisconnect false state dead still listed false
      """

  Scenario: worker.disconnect() lets the worker exit with code 0 and exitedAfterDisconnect true
    When the program "cluster_module" runs with "disconnect"
    Then the program exits with code 0
    And the program prints:
      """
      exit code 0 signal null exitedAfterDisconnect true
      """

  Scenario: worker ids count up from 1 and are never reused
    When the program "cluster_module" runs with "ids"
    Then the program exits with code 0
    And the program prints:
      """
      ids 1,2 replacement id 3
      """

  Scenario: when the primary is killed its workers exit by themselves
    When the program "cluster_module" runs with "observe-primary-killed"
    Then the program exits with code 0
    And the program prints:
      """
      primary null SIGTERM workers 2 all workers gone true
      """
