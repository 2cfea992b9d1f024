@child_process @program
Feature: fork starts a child of the same runtime with an IPC channel
  fork(module) runs a module in a new process of the same runtime (node for .mjs, Python for the
  reference's .py twins) with an IPC channel: child.send / process.on('message') one way,
  process.send / child.on('message') the other. Messages are JSON-serialized (Node's default
  'json' serialization); the reference speaks the same wire format (one JSON text per line over a
  Unix socket named by NODE_CHANNEL_FD).

  @claim:child-04 @claim:child-08
  Scenario: a message sent to a forked child comes back with the child's own pid
    When the program "child_cases" runs with "fork-roundtrip"
    Then the program exits with code 0
    And the program prints:
      """
      parent got ping-pong from-child-pid true
      exit 0 null
      """

  @claim:child-08
  Scenario Outline: a <value> sent over IPC arrives as <received>
    When the program "child_cases" runs with "fork-serialize <value>"
    Then the program exits with code 0
    And the program prints:
      """
      received <received>
      """

    Examples:
      | value     | received                           |
      | date      | "2020-01-02T03:04:05.678Z"         |
      | nan       | {"n":null,"i":null}                |
      | undefined | {"kept":1}                         |
      | buffer    | {"type":"Buffer","data":[104,105]} |
      | map       | {}                                 |
      | array     | [1,null,"x"]                       |
      | error     | {}                                 |
      | function  | {"kept":true}                      |

  Scenario: disconnect() closes the channel at once and 'disconnect' follows; the child then exits by itself
    When the program "child_cases" runs with "fork-disconnect"
    Then the program exits with code 0
    And the program prints:
      """
      connected false
      parent disconnect
      exit 0 null
      """

  Scenario: send() after disconnect() does not throw: its callback gets ERR_IPC_CHANNEL_CLOSED
    When the program "child_cases" runs with "fork-send-after-disconnect"
    Then the program exits with code 0
    And the program prints:
      """
      callback error ERR_IPC_CHANNEL_CLOSED "Channel closed"
      """

  Scenario: a forked child with no 'message' listener exits by itself: the channel does not keep it alive
    When the program "child_cases" runs with "fork-no-listener"
    Then the program exits with code 0
    And the program prints:
      """
      exit 0 null connected-at-start true
      """

  Scenario: messages whose cmd starts with NODE_ are internal and never reach 'message'
    When the program "child_cases" runs with "fork-internal"
    Then the program exits with code 0
    And the program prints:
      """
      received {"cmd":"NODEX"} "plain"
      """

  Scenario: a forked child that throws exits with code 1
    When the program "child_cases" runs with "fork-child-throws"
    Then the program exits with code 0
    And the program prints:
      """
      exit 1 null
      """

  Scenario: a forked child's process.exitCode is the code the parent sees
    When the program "child_cases" runs with "fork-exit-code"
    Then the program exits with code 0
    And the program prints:
      """
      exit 42 null
      """

  Scenario: a fork whose executable is missing still has a connected channel: send calls back with EPIPE, 'close' comes before 'disconnect'
    When the program "child_cases" runs with "fork-failed"
    Then the program exits with code 0
    And the program prints:
      """
      connected true send returned true
      error ENOENT connected true,send callback EPIPE write,close -2 null,disconnect connected false
      """

  Scenario: a listening server sent to one forked child and then to another arrives in each as a Server
    When the program "child_cases" runs with "fork-send-server-twice"
    Then the program exits with code 0
    And the program prints:
      """
      handles Server Server
      """
