@child_process @program
Feature: How spawn and execFile check the timeout, maxBuffer, uid and gid options, line by line
  A timeout must be an integer >= 0, a maxBuffer a number >= 0, a uid or gid an int32. Up to Node 24
  a bad timeout or maxBuffer is one RangeError ERR_OUT_OF_RANGE ("an unsigned integer", "a positive
  number", even for a string) and a bad uid or gid one TypeError ERR_INVALID_ARG_TYPE ("must be int32",
  even for 1.5); Node 26 checks them with its common validators: what is not a number is a TypeError
  ERR_INVALID_ARG_TYPE, a number out of range a RangeError ERR_OUT_OF_RANGE that spells the range out. The program is programs/child_lines (its twin uses nodespec.reference.child_process).

  Scenario Outline: <option>: <value> is <error> on <node>
    When the program "child_lines" runs with "bad-option <option> <value>"
    Then the program exits with code 0
    And the program prints:
      """
      error <error> <message>
      """

    Examples:
      | node  | option    | value | error                      | message                                                                                  |
      | 20-24 | timeout   | -1    | RangeError ERR_OUT_OF_RANGE | The value of "timeout" is out of range. It must be an unsigned integer. Received -1      |
      | >=26  | timeout   | -1    | RangeError ERR_OUT_OF_RANGE | The value of "timeout" is out of range. It must be >= 0 && <= 9007199254740991. Received -1 |
      | 20-24 | timeout   | 'x'   | RangeError ERR_OUT_OF_RANGE | The value of "timeout" is out of range. It must be an unsigned integer. Received 'x'     |
      | >=26  | timeout   | 'x'   | TypeError ERR_INVALID_ARG_TYPE | The "timeout" argument must be of type number. Received type string ('x')             |
      | 20-24 | maxBuffer | -1    | RangeError ERR_OUT_OF_RANGE | The value of "options.maxBuffer" is out of range. It must be a positive number. Received -1 |
      | >=26  | maxBuffer | -1    | RangeError ERR_OUT_OF_RANGE | The value of "options.maxBuffer" is out of range. It must be >= 0. Received -1           |
      | 20-24 | maxBuffer | 'x'   | RangeError ERR_OUT_OF_RANGE | The value of "options.maxBuffer" is out of range. It must be a positive number. Received 'x' |
      | >=26  | maxBuffer | 'x'   | TypeError ERR_INVALID_ARG_TYPE | The "options.maxBuffer" property must be of type number. Received type string ('x')   |
      | 20-24 | uid       | 'x'        | TypeError ERR_INVALID_ARG_TYPE | The "options.uid" property must be int32. Received type string ('x')                   |
      | >=26  | uid       | 'x'        | TypeError ERR_INVALID_ARG_TYPE | The "options.uid" property must be of type number. Received type string ('x')          |
      | 20-24 | uid       | 1.5        | TypeError ERR_INVALID_ARG_TYPE | The "options.uid" property must be int32. Received type number (1.5)                   |
      | >=26  | uid       | 1.5        | RangeError ERR_OUT_OF_RANGE    | The value of "options.uid" is out of range. It must be an integer. Received 1.5         |
      | 20-24 | gid       | 2147483648 | TypeError ERR_INVALID_ARG_TYPE | The "options.gid" property must be int32. Received type number (2147483648)            |
      | >=26  | gid       | 2147483648 | RangeError ERR_OUT_OF_RANGE    | The value of "options.gid" is out of range. It must be >= -2147483648 && <= 2147483647. Received 2147483648 |
