@buffer
Feature: Buffer with the other typed arrays, DataView and SharedArrayBuffer
  Buffer meets JavaScript's other binary data: typed arrays of other element types, DataView and
  SharedArrayBuffer. Buffer.from shares an array buffer's memory and copies a typed array's elements,
  each converted to a byte as a Uint8Array's set() converts it; byteLength, copyBytesFrom and fill read
  any view's bytes; equals, compare, concat and indexOf take only Uint8Arrays (a Buffer is one). Memory is
  shared the way JavaScript shares it, so the bytes of an Int16Array are in the platform's byte order
  (little-endian on every machine Node runs these on).

  Rule: Buffer.from shares an array buffer's memory and copies a typed array's elements

    Scenario: Buffer.from(int16array.buffer) shows the typed array's bytes, little-endian
      Given i16 = new Int16Array([1, -2, 300])
      Then Buffer.from(i16.buffer) is the bytes 01 00 fe ff 2c 01

    Scenario: A Buffer over an Int16Array's buffer shares its memory
      Given i16 = new Int16Array([1, 2])
      And b = Buffer.from(i16.buffer)
      When b[1] = 1
      Then i16[0] is 257

    Scenario: Buffer.from(sharedArrayBuffer) shares its memory
      Given sab = new SharedArrayBuffer(4)
      And b = Buffer.from(sab)
      And u = new Uint8Array(sab)
      When u[1] = 7
      Then b is the bytes 00 07 00 00

    Scenario: Buffer.from(sharedArrayBuffer, byteOffset, length) is a view of that range
      Given sab = new SharedArrayBuffer(4)
      And b = Buffer.from(sab, 1, 2)
      And u = new Uint8Array(sab)
      When b[0] = 9
      Then u is the bytes 00 09 00 00
      And b.byteOffset is 1

    Scenario Outline: Buffer.from(new <type>(<values>)) converts each element to a byte
      Then Buffer.from(new <type>(<values>)) is the bytes <bytes>

      Examples:
        | type              | values                                                 | bytes                |
        | Int8Array         | [-1, 127, -128]                                        | ff 7f 80             |
        | Uint8ClampedArray | [300, -5, 1.5, 2.5]                                    | ff 00 02 02          |
        | Int16Array        | [1, -2, 300]                                           | 01 fe 2c             |
        | Uint16Array       | [0x1234, 255]                                          | 34 ff                |
        | Int32Array        | [-1, 65793]                                            | ff 01                |
        | Uint32Array       | [0xffffffff, 256]                                      | ff 00                |
        | Float32Array      | [1.5, 255.9]                                           | 01 ff                |
        | Float64Array      | [1.9, -1, 300, NaN, Infinity, -0.5, 1099511627779]     | 01 ff 2c 00 00 00 03 |

    Scenario: Buffer.from of a Float64Array copies: the Buffer does not share its memory
      Given f64 = new Float64Array([1, 2])
      And b = Buffer.from(f64)
      When f64[0] = 5
      Then b is the bytes 01 02

    Scenario Outline: Buffer.from(new <type>([1n])) throws: BigInts and numbers do not mix
      When I try Buffer.from(new <type>([1n]))
      Then it throws a TypeError without a code, with the message 'Cannot mix BigInt and other types, use explicit conversions'

      Examples:
        | type           |
        | BigInt64Array  |
        | BigUint64Array |

    Scenario: Buffer.from of an empty BigInt64Array is an empty Buffer (no element is read)
      Then Buffer.from(new BigInt64Array(0)) is a Buffer of 0 bytes

    Scenario: Buffer.from(dataView) is an empty Buffer: a DataView has no length
      Given view = new DataView(new ArrayBuffer(4))
      Then Buffer.from(view) is a Buffer of 0 bytes

    Scenario: Buffer.from of an object whose buffer is an ArrayBuffer and that has no length is empty
      Given ab = new ArrayBuffer(2)
      Then Buffer.from({buffer: ab}) is a Buffer of 0 bytes

    Scenario: Buffer.from of an object with a buffer and a length reads it as an array-like
      Given ab = new ArrayBuffer(2)
      Then Buffer.from({buffer: ab, length: 1, 0: 5}) is the bytes 05

  Rule: Buffer.from(arrayBuffer, byteOffset, length) checks its bounds

    Scenario Outline: Buffer.from(arrayBuffer, <offset>, <length>) is the bytes <bytes>
      Given ab = new Uint8Array([1, 2, 3, 4]).buffer
      Then Buffer.from(ab, <offset>, <length>) is the bytes <bytes>

      Examples:
        | offset    | length    | bytes       |
        | 1         | 2         | 02 03       |
        | 4         | undefined | (none)      |
        | '1'       | '2'       | 02 03       |
        | 0         | 2.7       | 01 02       |
        | 0         | -1        | (none)      |
        | 0         | NaN       | (none)      |
        | NaN       | undefined | 01 02 03 04 |
        | undefined | 3         | 01 02 03    |
        | -0.5      | undefined | 01 02 03 04 |
        | true      | 1.5       | 02          |

    @node:20
    Scenario Outline: Up to Node 20, a fractional byteOffset <offset> shortens the rest of the buffer: <bytes>
      Given ab = new Uint8Array([1, 2, 3, 4]).buffer
      Then Buffer.from(ab, <offset>) is the bytes <bytes>

      Examples:
        | offset | bytes    |
        | 1.5    | 02 03    |
        | 0.5    | 01 02 03 |
        | 3.5    | (none)   |

    @node:>=22
    Scenario Outline: From Node 22, a fractional byteOffset <offset> is truncated and the Buffer runs to the end: <bytes>
      Given ab = new Uint8Array([1, 2, 3, 4]).buffer
      Then Buffer.from(ab, <offset>) is the bytes <bytes>

      Examples:
        | offset | bytes       |
        | 1.5    | 02 03 04    |
        | 0.5    | 01 02 03 04 |
        | 3.5    | 04          |

    Scenario Outline: Buffer.from(arrayBuffer, <offset>, <length>) throws ERR_BUFFER_OUT_OF_BOUNDS for "<name>"
      Given ab = new ArrayBuffer(4)
      When I try Buffer.from(ab, <offset>, <length>)
      Then it throws ERR_BUFFER_OUT_OF_BOUNDS (RangeError)
      And the error's message is '"<name>" is outside of buffer bounds'

      Examples:
        | offset | length    | name   |
        | 5      | undefined | offset |
        | 4.5    | 1         | offset |
        | 1      | 4         | length |
        | 3.5    | 1         | length |
        | NaN    | 5         | length |

    Scenario Outline: Buffer.from(arrayBuffer, <offset>) throws V8's RangeError for a negative offset
      Given ab = new ArrayBuffer(4)
      When I try Buffer.from(ab, <offset>)
      Then it throws a RangeError without a code, with the message 'Start offset <shown> is outside the bounds of the buffer'

      Examples:
        | offset    | shown     |
        | -1        | -1        |
        | -Infinity | -Infinity |

  Rule: byteLength, copyBytesFrom and fill read any view's bytes

    Scenario Outline: Buffer.byteLength(<value>) is <n>
      Given value = <value>
      Then Buffer.byteLength(value) is <n>

      Examples:
        | value                                     | n  |
        | new Int16Array(3)                         | 6  |
        | new Float64Array(3)                       | 24 |
        | new DataView(new ArrayBuffer(8), 2, 3)    | 3  |
        | new SharedArrayBuffer(5)                  | 5  |
        | new ArrayBuffer(5)                        | 5  |

    Scenario Outline: Buffer.copyBytesFrom(<view>, <offset>, <length>) copies elements, not bytes: <bytes>
      Then Buffer.copyBytesFrom(<view>, <offset>, <length>) is the bytes <bytes>

      Examples:
        | view                                          | offset    | length    | bytes                   |
        | new Int16Array([1, 2, 3])                     | undefined | undefined | 01 00 02 00 03 00       |
        | new Int16Array([1, 2, 3])                     | 1         | undefined | 02 00 03 00             |
        | new Int16Array([1, 2, 3])                     | 1         | 1         | 02 00                   |
        | new Int16Array([1, 2, 3])                     | undefined | 2         | 01 00 02 00             |
        | new Int16Array([1, 2, 3])                     | 0         | 10        | 01 00 02 00 03 00       |
        | new Int16Array([1, 2, 3])                     | 3         | undefined | (none)                  |
        | new Int16Array(0)                             | 5         | undefined | (none)                  |
        | new Float64Array([1, 2])                      | 1         | undefined | 00 00 00 00 00 00 00 40 |
        | new BigInt64Array([1n, -1n])                  | 1         | 1         | ff ff ff ff ff ff ff ff |
        | new Int16Array([1, 2, 3, 4]).subarray(1, 3)   | 1         | undefined | 03 00                   |

    Scenario: Buffer.copyBytesFrom copies: the Buffer does not share the view's memory
      Given i16 = new Int16Array([1])
      And b = Buffer.copyBytesFrom(i16)
      When i16[0] = 2
      Then b is the bytes 01 00

    Scenario Outline: Buffer.copyBytesFrom(<view>) throws ERR_INVALID_ARG_TYPE: it takes a TypedArray
      When I try Buffer.copyBytesFrom(<view>)
      Then it throws ERR_INVALID_ARG_TYPE (TypeError)
      And the error's message is 'The "view" argument must be an instance of TypedArray. Received an instance of <class>'

      Examples:
        | view                              | class       |
        | new DataView(new ArrayBuffer(2))  | DataView    |
        | new ArrayBuffer(2)                | ArrayBuffer |
        | new SharedArrayBuffer(2)          | SharedArrayBuffer |

    Scenario Outline: Buffer.copyBytesFrom(int16array, <offset>, <length>) throws <code> for "<name>"
      When I try Buffer.copyBytesFrom(new Int16Array(2), <offset>, <length>)
      Then it throws <code> (<class>)
      And the error's message is '<message>'

      Examples:
        | offset    | length | code                  | class      | name   | message                                                                                               |
        | -1        | 1      | ERR_OUT_OF_RANGE      | RangeError | offset | The value of "offset" is out of range. It must be >= 0 && <= 9007199254740991. Received -1           |
        | 1.5       | 1      | ERR_OUT_OF_RANGE      | RangeError | offset | The value of "offset" is out of range. It must be an integer. Received 1.5                            |
        | 0         | -1     | ERR_OUT_OF_RANGE      | RangeError | length | The value of "length" is out of range. It must be >= 0 && <= 9007199254740991. Received -1           |
        | true      | 1      | ERR_INVALID_ARG_TYPE  | TypeError  | offset | The "offset" argument must be of type number. Received type boolean (true)                            |

    Scenario Outline: buf.fill(<value>) repeats the view's bytes: <bytes>
      Given value = <value>
      Then Buffer.alloc(5).fill(value) is the bytes <bytes>

      Examples:
        | value                                           | bytes          |
        | new Int16Array([0x0102])                        | 02 01 02 01 02 |
        | new DataView(new Uint8Array([9, 8]).buffer)     | 09 08 09 08 09 |
        | new Float32Array([1])                           | 00 00 80 3f 00 |
        | new Uint8ClampedArray([7])                      | 07 07 07 07 07 |

    Scenario: buf.fill(arrayBuffer) fills zeros: an ArrayBuffer is not a view, and becomes a number
      Then Buffer.alloc(4, 1).fill(new Uint8Array([1, 2]).buffer) is the bytes 00 00 00 00

    Scenario: buf.fill with an empty typed array throws ERR_INVALID_ARG_VALUE
      When I try Buffer.alloc(4).fill(new Int16Array(0))
      Then it throws ERR_INVALID_ARG_VALUE (TypeError)
      And the error's message is "The argument 'value' is invalid. Received Int16Array(0) []"

    Scenario Outline: buffer.<fn>(<value>) reads a typed array's or a SharedArrayBuffer's bytes: <result>
      Then buffer.<fn>(<value>) is <result>

      Examples:
        | fn      | value                          | result |
        | isUtf8  | new Int16Array([0x4141])       | true   |
        | isUtf8  | new Uint16Array([0xffff])      | false  |
        | isUtf8  | new SharedArrayBuffer(2)       | true   |
        | isAscii | new Float32Array([1])          | false  |
        | isAscii | new SharedArrayBuffer(2)       | true   |

    Scenario Outline: buffer.<fn>(dataView) throws ERR_INVALID_ARG_TYPE
      When I try buffer.<fn>(new DataView(new ArrayBuffer(2)))
      Then it throws ERR_INVALID_ARG_TYPE (TypeError)
      And the error's message is 'The "input" argument must be an instance of ArrayBuffer, Buffer, or TypedArray. Received an instance of DataView'

      Examples:
        | fn      |
        | isUtf8  |
        | isAscii |

  Rule: equals, compare, concat and indexOf take only a Buffer or a Uint8Array

    Scenario Outline: <call> throws ERR_INVALID_ARG_TYPE for a <class>
      Given b = Buffer.from('ab')
      When I try <call>
      Then it throws ERR_INVALID_ARG_TYPE (TypeError)
      And the error's message is 'The "<name>" argument must be <what>. Received an instance of <class>'

      Examples:
        | call                                                      | name        | class             | what                                                                          |
        | b.equals(new DataView(new ArrayBuffer(2)))                | otherBuffer | DataView          | an instance of Buffer or Uint8Array                                           |
        | b.equals(new Int16Array(1))                               | otherBuffer | Int16Array        | an instance of Buffer or Uint8Array                                           |
        | b.equals(new Uint8ClampedArray(2))                        | otherBuffer | Uint8ClampedArray | an instance of Buffer or Uint8Array                                           |
        | b.compare(new DataView(new ArrayBuffer(2)))               | target      | DataView          | an instance of Buffer or Uint8Array                                           |
        | Buffer.compare(new Int16Array(1), b)                      | buf1        | Int16Array        | an instance of Buffer or Uint8Array                                           |
        | Buffer.compare(b, new Uint8ClampedArray(2))               | buf2        | Uint8ClampedArray | an instance of Buffer or Uint8Array                                           |
        | Buffer.concat([new Int16Array([1])])                      | list[0]     | Int16Array        | an instance of Buffer or Uint8Array                                           |
        | Buffer.concat([b, new DataView(new ArrayBuffer(2))])      | list[1]     | DataView          | an instance of Buffer or Uint8Array                                           |
        | Buffer.concat([new Int16Array([1])], 4)                   | list[0]     | Int16Array        | an instance of Buffer or Uint8Array                                           |
        | b.indexOf(new Int16Array([1]))                            | value       | Int16Array        | one of type number or string or an instance of Buffer or Uint8Array           |
        | b.includes(new DataView(new ArrayBuffer(1)))              | value       | DataView          | one of type number or string or an instance of Buffer or Uint8Array           |

    Scenario: Buffer.isBuffer(int16array) is false
      Then Buffer.isBuffer(new Int16Array(1)) is false

  Rule: buf.copy writes into any typed array or DataView from Node 22 (Node 20: only a Uint8Array)

    @node:20
    Scenario Outline: Up to Node 20, buf.copy(<target>) throws ERR_INVALID_ARG_TYPE
      When I try Buffer.from([1, 2, 3]).copy(<target>)
      Then it throws ERR_INVALID_ARG_TYPE (TypeError)
      And the error's message is 'The "target" argument must be an instance of Buffer or Uint8Array. Received an instance of <class>'

      Examples:
        | target                              | class      |
        | new Int16Array(2)                   | Int16Array |
        | new DataView(new ArrayBuffer(2))    | DataView   |

    @node:>=22
    Scenario Outline: From Node 22, buf.copy(int16array, <targetStart>, <sourceStart>) copies <n> bytes into its memory
      Given t = new Int16Array(2)
      When I try Buffer.from([1, 2, 3]).copy(t, <targetStart>, <sourceStart>)
      Then it is <n>
      And Buffer.from(t.buffer) is the bytes <bytes>

      Examples:
        | targetStart | sourceStart | n | bytes       |
        | 0           | 0           | 3 | 01 02 03 00 |
        | 1           | 0           | 3 | 00 01 02 03 |
        | 0           | 1           | 2 | 02 03 00 00 |
        | 4           | 0           | 0 | 00 00 00 00 |

    @node:>=22
    Scenario: From Node 22, buf.copy(dataView) copies into the DataView's bytes
      Given ab = new ArrayBuffer(2)
      When I try Buffer.from([1, 2, 3]).copy(new DataView(ab))
      Then it is 2
      And ab is the bytes 01 02

    Scenario: buf.copy(arrayBuffer) throws ERR_INVALID_ARG_TYPE: an ArrayBuffer is not a view
      When I try Buffer.from('ab').copy(new ArrayBuffer(2))
      Then it throws ERR_INVALID_ARG_TYPE (TypeError)
      And the error's message is 'The "target" argument must be an instance of Buffer or Uint8Array. Received an instance of ArrayBuffer'

  Rule: buf.set(source, offset) converts each element, as every typed array's set() does

    Scenario Outline: buf.set(<source>, <offset>) stores <bytes>
      Given b = Buffer.alloc(4)
      When b.set(<source>, <offset>)
      Then b is the bytes <bytes>

      Examples:
        | source                                | offset    | bytes       |
        | new Float64Array([1.9, -1, 300, NaN]) | undefined | 01 ff 2c 00 |
        | new Int16Array([-2, 258])             | 1         | 00 fe 02 00 |
        | new Uint8ClampedArray([255, 3])       | undefined | ff 03 00 00 |
        | [1, 300, -1]                          | undefined | 01 2c ff 00 |
        | [7]                                   | '2'       | 00 00 07 00 |
        | [7]                                   | NaN       | 07 00 00 00 |
        | new DataView(new ArrayBuffer(2))      | undefined | 00 00 00 00 |
        | new ArrayBuffer(2)                    | undefined | 00 00 00 00 |

    Scenario Outline: buf.set(<source>, <offset>) throws V8's RangeError: offset is out of bounds
      Given b = Buffer.alloc(4)
      When I try b.set(<source>, <offset>)
      Then it throws a RangeError without a code, with the message 'offset is out of bounds'
      And b is the bytes 00 00 00 00

      Examples:
        | source                    | offset |
        | new Int16Array([-2, 258]) | 3      |
        | [1]                       | -1     |
        | [1, 2, 3, 4, 5]           | 0      |
        | new Uint8Array(2)         | 3      |

    Scenario: buf.set(bigInt64Array) throws: BigInts and numbers do not mix
      When I try Buffer.alloc(4).set(new BigInt64Array([1n]))
      Then it throws a TypeError without a code, with the message 'Cannot mix BigInt and other types, use explicit conversions'

    Scenario: buf.set of a view of its own memory reads every source byte before writing
      Given b = Buffer.from([1, 2, 3, 4])
      When b.set(b.subarray(0, 3), 1)
      Then b is the bytes 01 01 02 03

    Scenario: set from an Int16Array over the same memory converts the elements read before any write
      Given ab = new ArrayBuffer(8)
      And u = new Uint8Array(ab)
      When u.set([1, 2, 3, 4, 5, 6, 7, 8])
      And u.set(new Int16Array(ab, 0, 2), 1)
      Then u is the bytes 01 01 03 04 05 06 07 08
