@buffer
Feature: Creating Buffers
  Buffer.from, Buffer.alloc, Buffer.allocUnsafe and allocUnsafeSlow, as Node.js 20 implements them
  (lib/buffer.js). A Buffer is a Uint8Array of fixed size: every element stored from an array goes
  through JavaScript's ToNumber and then ToUint8, which is exactly `value & 255`.

  @claim:buffer-05
  Scenario: Buffer.from([1, 2, 3]) holds the bytes 1, 2 and 3
    When I try Buffer.from([1, 2, 3])
    Then it is the bytes 01 02 03

  @claim:buffer-06
  Scenario: Buffer.from([257, 257.5, -255, '1']) holds four bytes of value 1, as the document says
    When I try Buffer.from([257, 257.5, -255, '1'])
    Then it is the bytes 01 01 01 01

  @claim:buffer-06
  Scenario Outline: An array element <value> is stored as the byte <byte> (ToNumber, then & 255)
    When I try Buffer.from([<value>])
    Then it is the bytes <byte>

    Examples: numbers
      | value        | byte |
      | 256          | 00   |
      | -1           | ff   |
      | 1.9          | 01   |
      | -1.9         | ff   |
      | 255.99       | ff   |
      | NaN          | 00   |
      | Infinity     | 00   |
      | -Infinity    | 00   |
      | 4294967301   | 05   |
      | 4294967295.5 | ff   |

    Examples: other types
      | value     | byte |
      | undefined | 00   |
      | true      | 01   |
      | false     | 00   |
      | [7]       | 07   |
      | [1, 2]    | 00   |
      | {}        | 00   |

    Examples: strings, converted by JavaScript's ToNumber
      | value      | byte |
      | '0x10'     | 10   |
      | '  12 '    | 0c   |
      | 'abc'      | 00   |
      | '1e2'      | 64   |
      | ''         | 00   |
      | '0b11'     | 03   |
      | '0o17'     | 0f   |
      | '-0x10'    | 00   |
      | 'Infinity' | 00   |
      | '-1'       | ff   |

  Scenario: An array-like object {length, 0, 2} gives a Buffer of its length with holes as 0
    When I try Buffer.from({length: 3, '0': 1, '2': 3})
    Then it is the bytes 01 00 03

  Scenario: The JSON form {type: 'Buffer', data} makes a Buffer again
    When I try Buffer.from({type: 'Buffer', data: [1, 2, 300]})
    Then it is the bytes 01 02 2c

  @claim:buffer-07
  Scenario: Buffer.from('test') holds the UTF-8 bytes of 'test'
    When I try Buffer.from('test')
    Then it is the bytes 74 65 73 74

  @claim:buffer-07 @erratum
  Scenario: Buffer.from('tést') (the string the document's comment means) holds five UTF-8 bytes
    When I try Buffer.from('tést')
    Then it is the bytes 74 c3 a9 73 74

  @claim:buffer-08
  Scenario: Buffer.from('tést', 'latin1') holds the Latin-1 bytes 74 e9 73 74
    When I try Buffer.from('tést', 'latin1')
    Then it is the bytes 74 e9 73 74

  @claim:buffer-11
  Scenario Outline: Buffer.from('héllo€', '<encoding>') encodes as <encoding> does
    When I try Buffer.from('héllo€', '<encoding>')
    Then it is the bytes <bytes>

    Examples:
      | encoding | bytes                               |
      | utf8     | 68 c3 a9 6c 6c 6f e2 82 ac          |
      | utf-8    | 68 c3 a9 6c 6c 6f e2 82 ac          |
      | latin1   | 68 e9 6c 6c 6f ac                   |
      | binary   | 68 e9 6c 6c 6f ac                   |
      | ascii    | 68 e9 6c 6c 6f ac                   |
      | utf16le  | 68 00 e9 00 6c 00 6c 00 6f 00 ac 20 |
      | ucs2     | 68 00 e9 00 6c 00 6c 00 6f 00 ac 20 |
      | ucs-2    | 68 00 e9 00 6c 00 6c 00 6f 00 ac 20 |
      | utf-16le | 68 00 e9 00 6c 00 6c 00 6f 00 ac 20 |

  Scenario Outline: Encoding names are case-insensitive: '<name>' is accepted
    When I try Buffer.from('aGk=', '<name>')
    Then it is the bytes <bytes>

    Examples:
      | name      | bytes       |
      | BASE64    | 68 69       |
      | Base64URL | 68 69       |
      | HEX       | (none)      |
      | UTF-8     | 61 47 6b 3d |
      | Latin1    | 61 47 6b 3d |
      | BINARY    | 61 47 6b 3d |

  @claim:buffer-11
  Scenario Outline: Buffer.from('abc', '<name>') throws ERR_UNKNOWN_ENCODING for the unknown encoding '<name>'
    When I try Buffer.from('abc', '<name>')
    Then it throws ERR_UNKNOWN_ENCODING (TypeError)

    Examples:
      | name    |
      | uft8    |
      | utf16   |
      | latin-1 |
      | utf-32  |

  Scenario: An empty encoding name means UTF-8 in Buffer.from
    When I try Buffer.from('abc', '')
    Then it is the bytes 61 62 63

  Scenario: Buffer.from(buffer) copies: writing to the copy leaves the original alone
    Given a = Buffer.from('abc')
    And b = Buffer.from(a)
    When b[0] = 0x7a
    Then a is the bytes 61 62 63
    And b is the bytes 7a 62 63

  Scenario: Buffer.from(arrayBuffer, byteOffset, length) shares the ArrayBuffer's memory
    Given ab = new ArrayBuffer(4)
    And view = Buffer.from(ab, 1, 2)
    And all = new Uint8Array(ab)
    When all[1] = 9
    Then view is the bytes 09 00
    And view.byteOffset is 1
    And view.buffer.byteLength is 4

  Scenario: Buffer.from(arrayBuffer) writes through to the ArrayBuffer
    Given ab = new ArrayBuffer(3)
    And view = Buffer.from(ab)
    When view[2] = 255
    Then ab is the bytes 00 00 ff

  Scenario: Buffer.from(arrayBuffer, offset) past its end throws ERR_BUFFER_OUT_OF_BOUNDS
    Given ab = new ArrayBuffer(4)
    When I try Buffer.from(ab, 5)
    Then it throws ERR_BUFFER_OUT_OF_BOUNDS (RangeError)

  Scenario: Buffer.from(arrayBuffer, 0, length) longer than the ArrayBuffer throws ERR_BUFFER_OUT_OF_BOUNDS
    Given ab = new ArrayBuffer(4)
    When I try Buffer.from(ab, 1, 4)
    Then it throws ERR_BUFFER_OUT_OF_BOUNDS (RangeError)

  Scenario: Buffer.from(arrayBuffer, -1) throws V8's RangeError, which has no code
    Given ab = new ArrayBuffer(4)
    When I try Buffer.from(ab, -1)
    Then it throws a RangeError without a code

  Scenario Outline: Buffer.from(<value>) throws ERR_INVALID_ARG_TYPE
    When I try Buffer.from(<value>)
    Then it throws ERR_INVALID_ARG_TYPE (TypeError)

    Examples:
      | value     |
      | 5         |
      | true      |
      | undefined |

  @claim:buffer-09 @erratum
  Scenario: Buffer.alloc(10) is ten zero bytes, not ten 1s as the document's comment says
    When I try Buffer.alloc(10)
    Then it is the bytes 00 00 00 00 00 00 00 00 00 00

  @claim:buffer-10
  Scenario: Buffer.alloc(10, 1) is ten bytes of 0x01
    When I try Buffer.alloc(10, 1)
    Then it is the bytes 01 01 01 01 01 01 01 01 01 01

  Scenario Outline: Buffer.alloc(5, <fill>) repeats the fill's bytes, cutting the last repetition
    When I try Buffer.alloc(5, <fill>)
    Then it is the bytes <bytes>

    Examples:
      | fill             | bytes          |
      | 'ab'             | 61 62 61 62 61 |
      | 'é'              | c3 a9 c3 a9 c3 |
      | '€'              | e2 82 ac e2 82 |
      | '😀'              | f0 9f 98 80 f0 |
      | ''               | 00 00 00 00 00 |
      | 257              | 01 01 01 01 01 |
      | -1               | ff ff ff ff ff |
      | 'aGk=', 'base64' | 68 69 68 69 68 |
      | '0102', 'hex'    | 01 02 01 02 01 |
      | 'é', 'latin1'    | e9 e9 e9 e9 e9 |
      | 'a', 'ucs2'      | 61 00 61 00 61 |
      | [1, 2]           | 00 00 00 00 00 |

  Scenario: Buffer.alloc(5, buffer) repeats the buffer's bytes
    Given fill = Buffer.from([1, 2])
    When I try Buffer.alloc(5, fill)
    Then it is the bytes 01 02 01 02 01

  Scenario: A fill that encodes to no bytes at all throws ERR_INVALID_ARG_VALUE
    When I try Buffer.alloc(5, 'zz', 'hex')
    Then it throws ERR_INVALID_ARG_VALUE (TypeError)

  Scenario: Buffer.alloc with a string fill and an unknown encoding throws ERR_UNKNOWN_ENCODING
    When I try Buffer.alloc(5, 'a', 'bogus')
    Then it throws ERR_UNKNOWN_ENCODING (TypeError)

  Scenario: Buffer.alloc(5.5) truncates the size to 5
    When I try Buffer.alloc(5.5)
    Then it is the bytes 00 00 00 00 00

  Scenario Outline: Buffer.<method>(<size>) throws <code> for a bad size
    When I try Buffer.<method>(<size>)
    Then it throws <code> (<class>)

    Examples:
      | method          | size             | code                 | class      |
      | alloc           | -1               | ERR_OUT_OF_RANGE     | RangeError |
      | alloc           | NaN              | ERR_OUT_OF_RANGE     | RangeError |
      | alloc           | Infinity         | ERR_OUT_OF_RANGE     | RangeError |
      | alloc           | '5'              | ERR_INVALID_ARG_TYPE | TypeError  |
      | alloc           | undefined        | ERR_INVALID_ARG_TYPE | TypeError  |
      | allocUnsafe     | -1               | ERR_OUT_OF_RANGE     | RangeError |
      | allocUnsafe     | '5'              | ERR_INVALID_ARG_TYPE | TypeError  |
      | allocUnsafeSlow | -1               | ERR_OUT_OF_RANGE     | RangeError |
      | allocUnsafeSlow | 9007199254740992 | ERR_OUT_OF_RANGE     | RangeError |

  @claim:buffer-10
  Scenario: Buffer.allocUnsafe(10) is a Buffer of ten bytes
    When I try Buffer.allocUnsafe(10)
    Then it is a Buffer of 10 bytes

  Scenario: Buffer.allocUnsafeSlow(10) is a Buffer of ten bytes with memory of its own
    When b = Buffer.allocUnsafeSlow(10)
    Then b is a Buffer of 10 bytes
    And b.buffer.byteLength is 10

  @claim:buffer-02
  Scenario: A Buffer is a Uint8Array, but a Uint8Array is not a Buffer
    Given b = Buffer.alloc(2)
    And u = new Uint8Array(2)
    Then b instanceof Uint8Array is true
    And Buffer.isBuffer(b) is true
    And Buffer.isBuffer(u) is false

  @claim:buffer-03
  Scenario: A Buffer's size is fixed: writing past its end changes nothing
    Given b = Buffer.alloc(2)
    When b[2] = 1
    Then b.length is 2
    And b[2] is undefined

  @claim:buffer-32
  Scenario: The deprecated Buffer(size) constructor allocates zero-filled memory
    When I try new Buffer(3)
    Then it is the bytes 00 00 00

  Scenario Outline: Buffer.copyBytesFrom(u, <args>) copies <bytes> out of a Uint8Array
    Given u = new Uint8Array([1, 2, 3, 4])
    When I try Buffer.copyBytesFrom(u, <args>)
    Then it is the bytes <bytes>

    Examples:
      | args      | bytes       |
      | undefined | 01 02 03 04 |
      | 1         | 02 03 04    |
      | 1, 2      | 02 03       |
      | 4         | (none)      |

  Scenario: Buffer.of(1, 300, -1) stores each argument & 255
    When I try Buffer.of(1, 300, -1)
    Then it is the bytes 01 2c ff
