@events @program
Feature: Core objects are EventEmitters
  The source document asks how Node's core modules use EventEmitter: net.Server emits an event for every
  new connection, an fs.ReadStream when its file is opened, a stream when data can be read. Each program
  builds one such object and prints the events it emits, in order. The reference has no net, fs or stream
  module: its twin builds the same objects as classes on the reference's EventEmitter and event loop,
  and must emit the same events in the same order.

  @claim:events-12 @claim:events-01 @claim:events-11
  Scenario: a net.Server is an EventEmitter that emits 'listening', then 'connection', then 'close'
    When the program "events_core" runs with "net"
    Then the program exits with code 0
    And the program prints:
      """
      server is an EventEmitter: true
      listening
      connection
      close
      """

  @claim:events-12 @claim:events-01
  Scenario: an fs.ReadStream is an EventEmitter that emits 'open', 'ready', 'data', 'end', 'close'
    When the program "events_core" runs with "fs"
    Then the program exits with code 0
    And the program prints:
      """
      stream is an EventEmitter: true
      open
      ready
      data hot data
      end
      close
      """

  @claim:events-12 @claim:events-01
  Scenario: a Readable stream is an EventEmitter that emits one 'data' per chunk, then 'end', then 'close'
    When the program "events_core" runs with "stream"
    Then the program exits with code 0
    And the program prints:
      """
      stream is an EventEmitter: true
      data a
      data b
      end
      close
      """
