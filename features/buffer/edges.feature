@buffer
Feature: Buffer's edges: offsets, empty needles, missing arguments
  Where an argument is negative, empty, fractional, missing or beyond the end. In JavaScript a missing
  argument is undefined and an extra one is ignored, so Buffer.from(), Buffer.concat() and buf.copy()
  throw ERR_INVALID_ARG_TYPE naming the argument, and buf.fill() fills zeros.

  Scenario Outline: Buffer.copyBytesFrom(Uint8Array [1, 2, 3, 4, 5], <args>) copies <bytes>
    Given u = new Uint8Array([1, 2, 3, 4, 5])
    When I try Buffer.copyBytesFrom(u, <args>)
    Then it is the bytes <bytes>

    Examples:
      | args  | bytes       |
      | 1, 2  | 02 03       |
      | 1     | 02 03 04 05 |
      | 4, 1  | 05          |
      | 10    | (none)      |
      | 1, 0  | (none)      |
      | 0, 10 | 01 02 03 04 05 |

  Scenario Outline: Buffer.copyBytesFrom(u, <args>) throws ERR_OUT_OF_RANGE for a negative <name>
    Given u = new Uint8Array([1, 2, 3, 4, 5])
    When I try Buffer.copyBytesFrom(u, <args>)
    Then it throws ERR_OUT_OF_RANGE (RangeError)
    And the error's message is 'The value of "<name>" is out of range. It must be >= 0 && <= 9007199254740991. Received -1'

    Examples:
      | args  | name   |
      | -1    | offset |
      | 1, -1 | length |

  Scenario Outline: Buffer.from('abcabc').<call> is <index>
    Given h = Buffer.from('abcabc')
    Then h.<call> is <index>

    Examples:
      | call                        | index |
      | lastIndexOf('b', -2)        | 4     |
      | lastIndexOf('b', -5)        | 1     |
      | lastIndexOf('b', -6)        | -1    |
      | lastIndexOf('b', -100)      | -1    |
      | lastIndexOf('a', -6)        | 0     |
      | lastIndexOf('a', 0)         | 0     |
      | lastIndexOf('c', 5)         | 5     |
      | lastIndexOf('c', 4)         | 2     |
      | lastIndexOf('abc', -1)      | 3     |
      | lastIndexOf('abc', 2)       | 0     |
      | lastIndexOf('', -1)         | 5     |
      | lastIndexOf('', 2)          | 2     |
      | lastIndexOf('')             | 6     |
      | lastIndexOf('', 100)        | 6     |
      | indexOf('', -1)             | 5     |
      | indexOf('', 2)              | 2     |
      | indexOf('', 100)            | 6     |
      | indexOf('')                 | 0     |
      | indexOf('b', -2)            | 4     |
      | indexOf('c', 6)             | -1    |

  Scenario Outline: In the UTF-16 bytes of 'abcd', <call> is <index>
    Given w = Buffer.from('abcd', 'utf16le')
    Then w.<call> is <index>

    Examples:
      | call                              | index |
      | indexOf('b', undefined, 'ucs2')   | 2     |
      | lastIndexOf('b', undefined, 'ucs2') | 2   |
      | indexOf('b', -1, 'ucs2')          | -1    |
      | lastIndexOf('b', -1, 'ucs2')      | 2     |
      | indexOf('d', undefined, 'utf16le') | 6    |
      | indexOf('x', undefined, 'ucs2')   | -1    |

  Scenario: A UTF-16 search ignores an odd last byte, and finds nothing in a buffer shorter than a code unit
    Given odd = Buffer.from([0x61, 0, 0x62, 0, 0x63])
    Then odd.indexOf('c', 0, 'ucs2') is -1
    And odd.lastIndexOf('b', undefined, 'ucs2') is 2
    And Buffer.from([0x61]).indexOf('a', 0, 'ucs2') is -1
    And Buffer.from([0x61, 0]).indexOf(Buffer.from([0x61]), 0, 'ucs2') is -1

  Scenario Outline: Buffer.alloc(4).fill(<args>) holds <bytes>
    Given b = Buffer.alloc(4)
    When I try b.fill(<args>)
    Then it is the bytes <bytes>

    Examples:
      | args            | bytes       |
      | '6162', 0, 'hex' | 61 62 61 62 |
      | '6162', 'hex'   | 61 62 61 62 |
      | 1, 2, 1         | 00 00 00 00 |
      | 1, 1, 3         | 00 01 01 00 |
      | 'a', 1          | 00 61 61 61 |
      | 0x62, 0, 4      | 62 62 62 62 |

  Scenario: fill(value, offset, end) with end past the buffer throws ERR_OUT_OF_RANGE naming end
    Given b = Buffer.alloc(4)
    When I try b.fill(1, 0, 10)
    Then it throws ERR_OUT_OF_RANGE (RangeError)
    And the error's message is 'The value of "end" is out of range. It must be >= 0 && <= 4. Received 10'

  Scenario: buf.fill() without a value fills zeros
    Given b = Buffer.from('abcd')
    When I try b.fill()
    Then b is the bytes 00 00 00 00

  Scenario Outline: <call> without arguments throws ERR_INVALID_ARG_TYPE (TypeError)
    When I try <call>
    Then it throws ERR_INVALID_ARG_TYPE (TypeError)
    And the error's message is '<message>'

    Examples:
      | call                     | message |
      | Buffer.from()            | The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object. Received undefined |
      | Buffer.concat()          | The "list" argument must be an instance of Array. Received undefined |
      | Buffer.from('a').copy()  | The "target" argument must be an instance of Buffer or Uint8Array. Received undefined |
      | Buffer.alloc()           | The "size" argument must be of type number. Received undefined |
      | Buffer.compare()         | The "buf1" argument must be an instance of Buffer or Uint8Array. Received undefined |
      | Buffer.from('a').compare() | The "target" argument must be an instance of Buffer or Uint8Array. Received undefined |
      | Buffer.from('a').equals() | The "otherBuffer" argument must be an instance of Buffer or Uint8Array. Received undefined |

  Scenario: An extra argument is ignored: writeFloatLE(1.5, 0, true) writes 4 bytes
    Given b = Buffer.alloc(4)
    When I try b.writeFloatLE(1.5, 0, true)
    Then it is 4
    And b is the bytes 00 00 c0 3f

  Scenario Outline: new ArrayBuffer(<length>) throws a RangeError without a code
    When I try new ArrayBuffer(<length>)
    Then it throws a RangeError without a code, with the message 'Invalid array buffer length'

    Examples:
      | length   |
      | -1       |
      | Infinity |

  Scenario Outline: new ArrayBuffer(<length>) has byteLength <n>
    Given ab = new ArrayBuffer(<length>)
    Then ab.byteLength is <n>

    Examples:
      | length    | n |
      | 1.5       | 1 |
      | '2'       | 2 |
      | undefined | 0 |
      | NaN       | 0 |
      | -0.5      | 0 |

  Scenario: new Uint8Array(0) is empty, and allocUnsafe(0) has an ArrayBuffer of its own, of 0 bytes
    Given u = new Uint8Array(0)
    Then u.length is 0
    And Buffer.allocUnsafe(0).buffer.byteLength is 0
    And Buffer.alloc(10).buffer.byteLength is 10

  Scenario Outline: compare(target, <start>, <end>) is <order>
    Given a = Buffer.from('<a>')
    Then a.compare(Buffer.from('<b>'), <start>, <end>) is <order>

    Examples:
      | a | b  | start | end | order |
      | a | b  | 0     | 1   | -1    |
      | b | a  | 0     | 1   | 1     |
      | b | ab | 1     | 2   | 0     |

  Scenario: Buffer.from(arrayBuffer, 0, 1.5) truncates the length to 1
    Given ab = new ArrayBuffer(4)
    Then Buffer.from(ab, 0, 1.5) is the bytes 00

  Scenario Outline: buf.write('<s>') into <size> bytes returns <n>
    Given b = Buffer.alloc(<size>)
    Then b.write('<s>') is <n>

    Examples:
      | size | s   | n |
      | 10   | ab  | 2 |
      | 2    | xyz | 2 |
