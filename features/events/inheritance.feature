@events
Feature: Making custom emitters
  The source document shows three ways to make an EventEmitter of one's own: class extends, the legacy
  EventEmitter.call(this) with util.inherits, and Object.setPrototypeOf on the prototype and on the
  constructor. Each program builds one and uses it; the reference's twin does the same with a Python
  subclass (EventEmitter.__init__(self) is EventEmitter.call(this)).

  @program @claim:events-14
  Scenario: class MyEmitter extends EventEmitter makes a working emitter
    When the program "events_inherit" runs with "class"
    Then the program exits with code 0
    And the program prints:
      """
      instance of EventEmitter: true
      listener got: a b
      emit returned: true
      this is the instance: true
      listener count: 1
      """

  @program @claim:events-13
  Scenario: EventEmitter.call(this) with util.inherits makes a working emitter
    When the program "events_inherit" runs with "legacy"
    Then the program exits with code 0
    And the program prints:
      """
      inherits from EventEmitter: true
      instance of EventEmitter: true
      listener got: a b
      emit returned: true
      this is the instance: true
      listener count: 1
      """

  @program @claim:events-15 @claim:events-16
  Scenario: Object.setPrototypeOf on the prototype and the constructor inherits instance and static members
    When the program "events_inherit" runs with "setprototypeof"
    Then the program exits with code 0
    And the program prints:
      """
      static defaultMaxListeners: 10
      static listenerCount is inherited: true
      instance of EventEmitter: true
      listener got: a b
      emit returned: true
      this is the instance: true
      listener count: 1
      """

  @program
  Scenario: an emitter whose constructor never calls EventEmitter still works
    When the program "events_inherit" runs with "no-init"
    Then the program exits with code 0
    And the program prints:
      """
      instance of EventEmitter: true
      listener got: a b
      emit returned: true
      this is the instance: true
      listener count: 1
      """

  @claim:events-15
  Scenario: EventEmitter.Prototype, as the document spells it, does not exist
    Then EventEmitter.Prototype is undefined
