@child_process @program
Feature: spawn starts a command without a shell and streams its output
  spawn(command, args, options) returns a ChildProcess at once: an EventEmitter with streamed stdout
  and stderr, 'spawn', then 'exit'(code, signal) when the process ends and 'close' once its stdio has
  closed too. A command that cannot be started (ENOENT, EACCES…) is reported through 'error', not
  thrown, and its stdio streams exist all the same; other spawn failures throw. The program is
  programs/child_cases (its twin uses nodespec.reference.child_process).

  @claim:child-05
  Scenario: spawn delivers the child's stdout and stderr on separate streams
    When the program "child_cases" runs with "spawn-stderr"
    Then the program exits with code 0
    And the program prints:
      """
      stdout "" stderr "oops\n"
      """

  @claim:child-05
  Scenario: spawn's stdout carries what the child writes
    When the program "child_cases" runs with "spawn-stdout"
    Then the program exits with code 0
    And the program prints:
      """
      stdout "hello\n" stderr ""
      """

  @claim:child-01 @slow
  Scenario: spawn streams the output in chunks as the child writes it
    When the program "child_cases" runs with "spawn-streamed"
    Then the program exits with code 0
    And the program prints:
      """
      chunks true "one\ntwo\n"
      """

  @claim:child-01
  Scenario: the cwd option sets the child's working directory
    When the program "child_cases" runs with "spawn-cwd"
    Then the program exits with code 0
    And the program prints:
      """
      pwd /usr
      """

  Scenario: the env option replaces the child's whole environment
    When the program "child_cases" runs with "spawn-env"
    Then the program exits with code 0
    And the program prints:
      """
      env "ONLY=this\n"
      """

  Scenario: a child emits 'spawn', then 'exit', then 'close'
    When the program "child_cases" runs with "spawn-events"
    Then the program exits with code 0
    And the program prints:
      """
      events spawn,exit,close
      """

  Scenario: a non-zero exit code reaches 'exit' and 'close' with a null signal
    When the program "child_cases" runs with "spawn-exit-code"
    Then the program exits with code 0
    And the program prints:
      """
      exit 3 null
      close 3 null
      """

  Scenario: a missing command does not throw: 'error' reports ENOENT, then 'close'(-2, null), and no 'exit'
    When the program "child_cases" runs with "spawn-enoent"
    Then the program exits with code 0
    And the program prints:
      """
      threw false pid undefined
      error ENOENT -2 "spawn nonexistent-cmd-nodespec ENOENT" spawn nonexistent-cmd-nodespec nonexistent-cmd-nodespec ["a","b"]
      close -2 null
      """

  Scenario: a child that could not be started still has its stdin, stdout and stderr streams
    When the program "child_cases" runs with "spawn-enoent-streams"
    Then the program exits with code 0
    And the program prints:
      """
      stdin null false writable true readable false
      stdout null false readable true
      stderr null false readable true
      """

  Scenario: after a failed spawn's 'error', stdout and stderr end and close, and the child's 'close' comes with the last of them
    When the program "child_cases" runs with "spawn-enoent-stdio-events"
    Then the program exits with code 0
    And the program prints:
      """
      events error,stdout end,stderr end,stderr close,close -2 null,stdout close
      """

  @node:20
  Scenario: on Node 20 a failed spawn's stdin closes right after 'error', before stdout and stderr end
    When the program "child_cases" runs with "spawn-enoent-stdio-events with-stdin"
    Then the program exits with code 0
    And the program prints:
      """
      events error,stdin close,stdout end,stderr end,stderr close,close -2 null,stdout close
      """

  @node:>=22
  Scenario: from Node 22 a failed spawn's stdin closes last, after the child's 'close'
    When the program "child_cases" runs with "spawn-enoent-stdio-events with-stdin"
    Then the program exits with code 0
    And the program prints:
      """
      events error,stdout end,stderr end,stderr close,close -2 null,stdout close,stdin close
      """

  Scenario: a write to the stdin of a child that could not be started calls back with EPIPE after 'error', and stdin closes without an 'error'
    When the program "child_cases" runs with "spawn-enoent-stdin-write"
    Then the program exits with code 0
    And the program prints:
      """
      write returned false
      error ENOENT
      callback Error EPIPE -32 write "write EPIPE"
      stdin events close
      """

  Scenario: a child that could not be started has a null exitCode until its 'error', then -errno
    When the program "child_cases" runs with "spawn-enoent-exit-code"
    Then the program exits with code 0
    And the program prints:
      """
      after spawn null null
      at error -2 null
      """

  Scenario: a spawn failure other than ENOENT, EACCES, EAGAIN, EMFILE or ENFILE throws at once
    When the program "child_cases" runs with "spawn-enotdir"
    Then the program exits with code 0
    And the program prints:
      """
      threw Error ENOTDIR -20 spawn "spawn ENOTDIR" path undefined
      """

  Scenario: what is written to child.stdin reaches the child
    When the program "child_cases" runs with "spawn-stdin"
    Then the program exits with code 0
    And the program prints:
      """
      echoed "hello world"
      """

  Scenario: a write to the stdin of a child that closed it calls back with EPIPE, then stdin emits 'error' and closes
    When the program "child_cases" runs with "spawn-stdin-closed"
    Then the program exits with code 0
    And the program prints:
      """
      write returned false
      callback Error EPIPE -32 write "write EPIPE"
      stdin error EPIPE
      stdin close
      """

  Scenario: child.stdin.end(data, callback) calls back with null, then stdin emits 'finish' and 'close'
    When the program "child_cases" runs with "spawn-stdin-end"
    Then the program exits with code 0
    And the program prints:
      """
      writable false
      end callback null,stdin finish,stdin close
      """

  Scenario: end(data, callback) on the stdin of a child that could not be started calls back with EPIPE after 'error', without 'finish'
    When the program "child_cases" runs with "spawn-stdin-end nonexistent-cmd-nodespec"
    Then the program exits with code 0
    And the program prints:
      """
      writable false
      error ENOENT,end callback EPIPE,stdin close
      """

  Scenario: a write to stdin after the child exited calls back with ERR_STREAM_DESTROYED and emits no 'error'
    When the program "child_cases" runs with "spawn-stdin-after-exit"
    Then the program exits with code 0
    And the program prints:
      """
      write returned false
      callback Error ERR_STREAM_DESTROYED "Cannot call write after a stream was destroyed"
      """

  Scenario: an executable file without a '#!' line runs as a /bin/sh script, as execvp runs it
    When the program "child_cases" runs with "spawn-no-shebang"
    Then the program exits with code 0
    And the program prints:
      """
      stdout "script ran with a b\n" code 0
      """

  @claim:child-06
  Scenario: child.pid is set when spawn returns and is the child's own process id
    When the program "child_cases" runs with "spawn-pid"
    Then the program exits with code 0
    And the program prints:
      """
      pid-is-child true true
      """

  Scenario: spawn with shell: true runs the command through /bin/sh
    When the program "child_cases" runs with "spawn-shell"
    Then the program exits with code 0
    And the program prints:
      """
      stdout "5\n"
      """
