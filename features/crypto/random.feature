@crypto
Feature: randomBytes
  crypto.randomBytes(size) returns a Buffer of `size` random bytes (synchronously, without a callback).
  The size must be a number from 0 to 2³¹−1.

  Scenario Outline: randomBytes(<size>) returns a Buffer of <size> bytes
    When I try crypto.randomBytes(<size>)
    Then it is a Buffer of <size> bytes

    Examples:
      | size |
      | 0    |
      | 16   |
      | 1000 |

  Scenario Outline: randomBytes(<size>) throws ERR_OUT_OF_RANGE
    When I try crypto.randomBytes(<size>)
    Then it throws ERR_OUT_OF_RANGE (RangeError)

    Examples:
      | size       |
      | -1         |
      | 2147483648 |
      | NaN        |

  Scenario: randomBytes(-1)'s message gives the bounds, 0 and 2**31 - 1
    When I try crypto.randomBytes(-1)
    Then it throws ERR_OUT_OF_RANGE (RangeError)
    And the error's message is 'The value of "size" is out of range. It must be >= 0 && <= 2147483647. Received -1'

  Scenario Outline: randomBytes(<size>) throws ERR_INVALID_ARG_TYPE
    When I try crypto.randomBytes(<size>)
    Then it throws ERR_INVALID_ARG_TYPE (TypeError)

    Examples:
      | size |
      | 'a'  |
      | null |

  Scenario: two calls of randomBytes(16) give different bytes
    When I try crypto.randomBytes(16)
    And first = it
    And I try crypto.randomBytes(16)
    Then it is not first
