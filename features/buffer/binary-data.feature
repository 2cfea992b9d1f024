@buffer
Feature: JavaScript's binary data that Buffer builds on: ArrayBuffer, typed arrays, DataView
  A Buffer is a Uint8Array over an ArrayBuffer. Its neighbours validate their arguments with V8's own
  errors (RangeError or TypeError, without a code): a length must be an index (a non-negative safe
  integer after truncation), a typed array's offset and length must fit its buffer and be multiples of
  its element size. An element assigned to a typed array is converted to its type: integers wrap
  around, Uint8ClampedArray clamps and rounds half to even, Float32Array rounds to single precision,
  the BigInt arrays take only BigInts.

  Rule: ArrayBuffer and SharedArrayBuffer take an index as their length

    Scenario Outline: new <class>(<length>) throws a RangeError: Invalid array buffer length
      When I try new <class>(<length>)
      Then it throws a RangeError without a code, with the message 'Invalid array buffer length'

      Examples:
        | class             | length           |
        | ArrayBuffer       | -1               |
        | ArrayBuffer       | 9007199254740992 |
        | ArrayBuffer       | Infinity         |
        | SharedArrayBuffer | -1               |

    Scenario Outline: new ArrayBuffer(<length>) has <n> bytes
      Given ab = new ArrayBuffer(<length>)
      Then ab.byteLength is <n>

      Examples:
        | length    | n |
        | 1.5       | 1 |
        | '3'       | 3 |
        | undefined | 0 |
        | NaN       | 0 |
        | -0.5      | 0 |

    Scenario Outline: new <class>(2 ** 53 - 1) throws a RangeError: Array buffer allocation failed
      When I try new <class>(9007199254740991)
      Then it throws a RangeError without a code, with the message 'Array buffer allocation failed'

      Examples:
        | class             |
        | ArrayBuffer       |
        | SharedArrayBuffer |

    Scenario: new ArrayBuffer(1n) throws a TypeError: a BigInt is not a number
      When I try new ArrayBuffer(1n)
      Then it throws a TypeError without a code, with the message 'Cannot convert a BigInt value to a number'

    Scenario: A SharedArrayBuffer is not an ArrayBuffer
      Given sab = new SharedArrayBuffer(3)
      Then sab instanceof ArrayBuffer is false
      And sab instanceof SharedArrayBuffer is true

    Scenario: sharedArrayBuffer.slice is a SharedArrayBuffer holding a copy of that range
      Given u = new Uint8Array(new SharedArrayBuffer(3))
      And u[1] = 5
      And part = u.buffer.slice(1)
      Then part instanceof SharedArrayBuffer is true
      And part is the bytes 05 00

    Scenario Outline: ArrayBuffer.isView(<value>) is <result>
      Given value = <value>
      Then ArrayBuffer.isView(value) is <result>

      Examples:
        | value                            | result |
        | new DataView(new ArrayBuffer(1)) | true   |
        | Buffer.alloc(1)                  | true   |
        | new Float32Array(1)              | true   |
        | new ArrayBuffer(1)               | false  |
        | [1]                              | false  |

  Rule: a typed array's length, offset and buffer are checked by V8

    Scenario Outline: new Int16Array(<length>) throws a RangeError: Invalid typed array length
      When I try new Int16Array(<length>)
      Then it throws a RangeError without a code, with the message 'Invalid typed array length: <shown>'

      Examples:
        | length    | shown    |
        | -1        | -1       |
        | Infinity  | Infinity |

    Scenario Outline: new <class>(<length>) has <n> elements of <size> bytes
      Given a = new <class>(<length>)
      Then a.length is <n>
      And a.byteLength is <bytes>
      And a.BYTES_PER_ELEMENT is <size>
      And <class>.BYTES_PER_ELEMENT is <size>

      Examples:
        | class             | length | n | size | bytes |
        | Int8Array         | 2      | 2 | 1    | 2     |
        | Uint8ClampedArray | 2      | 2 | 1    | 2     |
        | Int16Array        | 1.5    | 1 | 2    | 2     |
        | Uint16Array       | '2'    | 2 | 2    | 4     |
        | Int32Array        | 2      | 2 | 4    | 8     |
        | Uint32Array       | 1      | 1 | 4    | 4     |
        | Float32Array      | 3      | 3 | 4    | 12    |
        | Float64Array      | 2      | 2 | 8    | 16    |
        | BigInt64Array     | 1      | 1 | 8    | 8     |
        | BigUint64Array    | 0      | 0 | 8    | 0     |

    Scenario Outline: new <class>() without a length is empty
      Given a = new <class>()
      Then a.length is 0

      Examples:
        | class      |
        | Int16Array |
        | Uint8Array |

    Scenario Outline: new <class>(arrayBuffer of <size> bytes, <offset>, <length>) throws: <message>
      Given ab = new ArrayBuffer(<size>)
      When I try new <class>(ab, <offset>, <length>)
      Then it throws a RangeError without a code, with the message '<message>'

      Examples:
        | class        | size | offset | length    | message                                                  |
        | Int16Array   | 3    | 0      | undefined | byte length of Int16Array should be a multiple of 2      |
        | Float64Array | 4    | 0      | undefined | byte length of Float64Array should be a multiple of 8    |
        | Int16Array   | 4    | 1      | undefined | start offset of Int16Array should be a multiple of 2     |
        | Int32Array   | 8    | 2      | 1         | start offset of Int32Array should be a multiple of 4     |
        | Int16Array   | 4    | 6      | undefined | Start offset 6 is outside the bounds of the buffer       |
        | Int16Array   | 4    | -2     | undefined | Start offset -2 is outside the bounds of the buffer      |
        | Int16Array   | 4    | 0      | 3         | Invalid typed array length: 3                            |
        | Int16Array   | 4    | 2      | 2         | Invalid typed array length: 2                            |
        | Int16Array   | 4    | 0      | -1        | Invalid typed array length: -1                           |

    Scenario Outline: new <class>(arrayBuffer of <size> bytes, <offset>, <length>) views <n> elements at byte <at>
      Given ab = new ArrayBuffer(<size>)
      And a = new <class>(ab, <offset>, <length>)
      Then a.length is <n>
      And a.byteOffset is <at>
      And a.buffer is the same object as ab

      Examples:
        | class        | size | offset | length    | n | at |
        | Int16Array   | 4    | 2      | undefined | 1 | 2  |
        | Int16Array   | 4    | 4      | undefined | 0 | 4  |
        | Float64Array | 8    | 8      | 0         | 0 | 8  |
        | Int16Array   | 8    | 2      | 2         | 2 | 2  |
        | Uint32Array  | 8    | '4'    | 1.9       | 1 | 4  |

    Scenario: A typed array over a SharedArrayBuffer shares its memory
      Given sab = new SharedArrayBuffer(4)
      And i16 = new Int16Array(sab)
      And u = new Uint8Array(sab)
      When i16[1] = -1
      Then u is the bytes 00 00 ff ff

    Scenario: int16array.subarray(1, -1) is a view of the elements between, sharing memory
      Given a = new Int16Array([1, 2, 3, 4])
      And part = a.subarray(1, -1)
      When part[0] = 9
      Then part.length is 2
      And part.byteOffset is 2
      And a[1] is 9

  Rule: an element is converted to the typed array's type when it is stored

    Scenario Outline: new <class>([<value>])[0] is <stored>
      Given a = new <class>([<value>])
      Then a[0] is <stored>

      Examples:
        | class             | value        | stored               |
        | Int8Array         | 128          | -128                 |
        | Int8Array         | -129         | 127                  |
        | Int8Array         | 255          | -1                   |
        | Int16Array        | 70000        | 4464                 |
        | Int16Array        | -32769       | 32767                |
        | Int16Array        | 1.9          | 1                    |
        | Int16Array        | NaN          | 0                    |
        | Uint16Array       | -1           | 65535                |
        | Uint16Array       | 65536.5      | 0                    |
        | Int32Array        | 2147483648   | -2147483648          |
        | Int32Array        | -1.5         | -1                   |
        | Uint32Array       | -1           | 4294967295           |
        | Uint32Array       | 4294967301   | 5                    |
        | Uint32Array       | Infinity     | 0                    |
        | Uint8ClampedArray | 300          | 255                  |
        | Uint8ClampedArray | -5           | 0                    |
        | Uint8ClampedArray | 1.5          | 2                    |
        | Uint8ClampedArray | 2.5          | 2                    |
        | Uint8ClampedArray | 0.5          | 0                    |
        | Uint8ClampedArray | 254.5        | 254                  |
        | Uint8ClampedArray | 255.5        | 255                  |
        | Uint8ClampedArray | NaN          | 0                    |
        | Float32Array      | 1.1          | 1.100000023841858    |
        | Float32Array      | 1e40         | Infinity             |
        | Float32Array      | -1e40        | -Infinity            |
        | Float64Array      | 1.1          | 1.1                  |
        | Float64Array      | '1.5'        | 1.5                  |
        | Float64Array      | true         | 1                    |
        | Float64Array      | null         | 0                    |
        | Float64Array      | undefined    | NaN                  |
        | BigInt64Array     | 1n           | 1n                   |
        | BigInt64Array     | -1n          | -1n                  |
        | BigInt64Array     | 9223372036854775808n | -9223372036854775808n |
        | BigInt64Array     | '5'          | 5n                   |
        | BigInt64Array     | true         | 1n                   |
        | BigUint64Array    | -1n          | 18446744073709551615n |

    Scenario Outline: Assigning <value> to an Int16Array's element stores <stored>
      Given a = new Int16Array(1)
      When a[0] = <value>
      Then a[0] is <stored>

      Examples:
        | value | stored |
        | 70000 | 4464   |
        | '-2'  | -2     |

    Scenario: An Int16Array's index out of range reads undefined and writes nothing
      Given a = new Int16Array(1)
      When a[5] = 1
      Then a[5] is undefined
      And a.length is 1

    Scenario Outline: new BigInt64Array([<value>]) throws a <class>: Cannot convert <shown> to a BigInt
      When I try new BigInt64Array([<value>])
      Then it throws a <class> without a code, with the message 'Cannot convert <shown> to a BigInt'

      Examples:
        | value     | class       | shown     |
        | 'x'       | SyntaxError | x         |
        | '1.5'     | SyntaxError | 1.5       |
        | '1_000'   | SyntaxError | 1_000     |
        | '-0x10'   | SyntaxError | -0x10     |
        | undefined | TypeError   | undefined |
        | null      | TypeError   | null      |
        | 1.5       | TypeError   | 1.5       |

    Scenario Outline: new BigInt64Array([<value>])[0] is <stored>: a string is read as an integer
      Given a = new BigInt64Array([<value>])
      Then a[0] is <stored>

      Examples:
        | value  | stored |
        | '0x10' | 16n    |
        | ' 12 ' | 12n    |
        | ''     | 0n     |
        | '-3'   | -3n    |
        | '0b11' | 3n     |

    Scenario Outline: A <class> takes only BigInts: storing the number 1 throws a TypeError
      When I try new <class>([1])
      Then it throws a TypeError without a code, with the message 'Cannot convert 1 to a BigInt'

      Examples:
        | class          |
        | BigInt64Array  |
        | BigUint64Array |

    Scenario: Assigning a number to a BigInt64Array's element throws a TypeError
      Given a = new BigInt64Array(1)
      When I try a[0] = 1
      Then it throws a TypeError without a code, with the message 'Cannot convert 1 to a BigInt'

    Scenario Outline: new <target>(new <source>(1)) throws: a BigInt array and a number array do not mix
      Given source = new <source>(1)
      When I try new <target>(source)
      Then it throws a TypeError without a code, with the message 'Cannot mix BigInt and other types, use explicit conversions'

      Examples:
        | target        | source        |
        | BigInt64Array | Int16Array    |
        | Int16Array    | BigInt64Array |

    Scenario Outline: new <target>(<source>) converts each element: <values>
      Given source = <source>
      Then iterating new <target>(source).values() yields <values>

      Examples:
        | target     | source                            | values      |
        | Int16Array | new Float64Array([1.9, 70000])    | [1, 4464]   |
        | Uint8Array | new Int16Array([-1, 258])         | [255, 2]    |
        | Int16Array | Buffer.from([1, 255])             | [1, 255]    |
        | Int8Array  | new Uint8Array([255, 128])        | [-1, -128]  |

    Scenario: new Int16Array(int16array) is a copy, not a view
      Given a = new Int16Array([1, 2])
      And copy = new Int16Array(a)
      When a[0] = 5
      Then copy[0] is 1
      And copy.buffer is not the same object as a.buffer

    Scenario Outline: A typed array's <method>() iterates <values>
      Then iterating new Int16Array([-1, 2]).<method>() yields <values>

      Examples:
        | method  | values              |
        | keys    | [0, 1]              |
        | values  | [-1, 2]             |
        | entries | [[0, -1], [1, 2]]   |

    Scenario Outline: util.inspect(new <class>(<values>)) is <shown>
      Given a = new <class>(<values>)
      Then util.inspect(a) is <shown>

      Examples:
        | class         | values      | shown                          |
        | Int16Array    | [1, -2]     | 'Int16Array(2) [ 1, -2 ]'       |
        | Float64Array  | [1.5, NaN]  | 'Float64Array(2) [ 1.5, NaN ]' |
        | BigInt64Array | [1n]        | 'BigInt64Array(1) [ 1n ]'      |
        | Int8Array     | []          | 'Int8Array(0) []'              |

  Rule: a DataView reads and writes any type at any byte offset, big-endian by default

    Scenario Outline: new DataView(<buffer>, <offset>, <length>) throws: <message>
      Given buffer = <buffer>
      When I try new DataView(buffer, <offset>, <length>)
      Then it throws a <class> without a code, with the message '<message>'

      Examples:
        | buffer             | offset | length    | class      | message                                                  |
        | {}                 | 0      | undefined | TypeError  | First argument to DataView constructor must be an ArrayBuffer |
        | Buffer.alloc(2)    | 0      | undefined | TypeError  | First argument to DataView constructor must be an ArrayBuffer |
        | new ArrayBuffer(4) | 5      | undefined | RangeError | Start offset 5 is outside the bounds of the buffer       |
        | new ArrayBuffer(4) | -1     | undefined | RangeError | Start offset -1 is outside the bounds of the buffer      |
        | new ArrayBuffer(4) | 1      | 4         | RangeError | Invalid DataView length 4                                |
        | new ArrayBuffer(4) | 0      | -1        | RangeError | Invalid DataView length -1                               |

    Scenario Outline: new DataView(arrayBuffer of <size> bytes, <offset>, <length>) views <n> bytes at <at>
      Given ab = new ArrayBuffer(<size>)
      And view = new DataView(ab, <offset>, <length>)
      Then view.byteLength is <n>
      And view.byteOffset is <at>
      And view.buffer is the same object as ab

      Examples:
        | size | offset    | length    | n | at |
        | 4    | 4         | undefined | 0 | 4  |
        | 4    | undefined | undefined | 4 | 0  |
        | 8    | 2         | 3         | 3 | 2  |
        | 4    | 1.5       | '2'       | 2 | 1  |

    Scenario: A DataView over a SharedArrayBuffer has its length
      Given sab = new SharedArrayBuffer(2)
      And view = new DataView(sab)
      Then view.byteLength is 2

    Scenario Outline: dataView.<method>(<args>) of the bytes 01 02 03 04 05 06 07 08 is <value>
      Given view = new DataView(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]).buffer)
      Then view.<method>(<args>) is <value>

      Examples:
        | method       | args     | value                 |
        | getInt8      | 0        | 1                     |
        | getUint8     | 7        | 8                     |
        | getInt16     | 0        | 258                   |
        | getInt16     | 0, true  | 513                   |
        | getUint16    | 6, 1     | 2055                  |
        | getInt32     | 0        | 16909060              |
        | getUint32    | 4, true  | 134678021             |
        | getFloat32   | 0        | 2.387939260590663e-38 |
        | getFloat64   | 0        | 8.20788039913184e-304 |
        | getBigInt64  | 0        | 72623859790382856n    |
        | getBigUint64 | 0, true  | 578437695752307201n   |
        | getInt16     | '2'      | 772                   |
        | getInt16     | 0, 0     | 258                   |
        | getInt16     | 0, NaN   | 258                   |
        | getInt16     | 0, null  | 258                   |
        | getInt16     | 0, 'le'  | 513                   |

    Scenario Outline: dataView.<method>(<offset>) throws a RangeError: outside the bounds
      Given view = new DataView(new ArrayBuffer(2))
      When I try view.<method>(<offset>)
      Then it throws a RangeError without a code, with the message 'Offset is outside the bounds of the DataView'

      Examples:
        | method      | offset |
        | getInt16    | 1      |
        | getUint8    | -1     |
        | getUint8    | 2      |
        | getFloat32  | 0      |

    Scenario Outline: dataView.<method>(0, <value>, <little>) stores the bytes <bytes>
      Given ab = new ArrayBuffer(8)
      And view = new DataView(ab)
      When view.<method>(0, <value>, <little>)
      Then ab is the bytes <bytes>

      Examples:
        | method       | value      | little    | bytes                   |
        | setUint16    | 0x1234     | undefined | 12 34 00 00 00 00 00 00 |
        | setUint16    | 0x1234     | true      | 34 12 00 00 00 00 00 00 |
        | setInt8      | -1         | undefined | ff 00 00 00 00 00 00 00 |
        | setInt32     | -2         | false     | ff ff ff fe 00 00 00 00 |
        | setUint32    | 4294967297 | true      | 01 00 00 00 00 00 00 00 |
        | setFloat32   | 1          | undefined | 3f 80 00 00 00 00 00 00 |
        | setFloat64   | 1          | true      | 00 00 00 00 00 00 f0 3f |
        | setBigInt64  | -2n        | undefined | ff ff ff ff ff ff ff fe |
        | setBigUint64 | 1n         | true      | 01 00 00 00 00 00 00 00 |

    Scenario: dataView.setBigInt64(0, 1) throws a TypeError: it takes only a BigInt
      Given view = new DataView(new ArrayBuffer(8))
      When I try view.setBigInt64(0, 1)
      Then it throws a TypeError without a code, with the message 'Cannot convert 1 to a BigInt'

    Scenario: dataView.setBigInt64 past the end converts the value before it checks the bounds
      Given view = new DataView(new ArrayBuffer(1))
      When I try view.setBigInt64(1, 1)
      Then it throws a TypeError without a code, with the message 'Cannot convert 1 to a BigInt'

    Scenario: dataView.setBigInt64 at a negative offset throws before converting the value
      Given view = new DataView(new ArrayBuffer(8))
      When I try view.setBigInt64(-1, 1)
      Then it throws a RangeError without a code, with the message 'Offset is outside the bounds of the DataView'

    Scenario: dataView.setInt16 past the end throws a RangeError and writes nothing
      Given ab = new ArrayBuffer(2)
      And view = new DataView(ab)
      When I try view.setInt16(1, -1)
      Then it throws a RangeError without a code, with the message 'Offset is outside the bounds of the DataView'
      And ab is the bytes 00 00

  Rule: missing arguments are undefined and extra ones are ignored, as in every JavaScript call

    Scenario: ArrayBuffer.isView() without an argument is false
      Then ArrayBuffer.isView() is false

    Scenario: typedArray.subarray ignores an extra argument
      Given a = new Int16Array([1, 2, 3])
      Then iterating a.subarray(1, 2, 'x').values() yields [2]

    Scenario: arrayBuffer.slice ignores an extra argument
      Given ab = new Uint8Array([1, 2, 3]).buffer
      Then ab.slice(1, 2, 5) is the bytes 02

    Scenario Outline: dataView.<call> reads the bytes 01 02 as <value>
      Given view = new DataView(new Uint8Array([1, 2]).buffer)
      Then view.<call> is <value>

      Examples:
        | call                    | value |
        | getInt16(0, false, 'x') | 258   |
        | getInt16()              | 258   |

    Scenario: dataView.setInt8() stores 0 at offset 0
      Given ab = new Uint8Array([5]).buffer
      And view = new DataView(ab)
      When view.setInt8()
      Then ab is the bytes 00
