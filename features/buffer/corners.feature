@buffer
Feature: Buffer's corner cases: arguments at the edges of what each method accepts
  Behaviours that a faithful implementation could get wrong in one place and stay green on the other
  scenarios (each was found by a surviving mutant of the reference): the atob/btoa pair, the deprecated
  Buffer() call, comparisons of ranges, copy's integer conversion of its offsets, indexOf's clamped
  offsets, the variable-width integer methods and Buffers too big for the pool.

  Rule: atob and btoa are the WHATWG forgiving-base64 pair

    Scenario Outline: buffer.btoa(<input>) is <output>
      Then buffer.btoa(<input>) is <output>

      Examples:
        | input  | output     |
        | 'abc'  | 'YWJj'     |
        | 'é'    | '6Q=='     |
        | null   | 'bnVsbA==' |

    Scenario Outline: buffer.atob(<input>) is <output>
      Then buffer.atob(<input>) is <output>

      Examples:
        | input          | output |
        | 'YWJj'         | 'abc'  |
        | ' YW\nJj\t'    | 'abc'  |
        | 'YQ=='         | 'a'    |
        | 'YQ'           | 'a'    |
        | 'YWI='         | 'ab'   |
        | '6Q=='         | 'é'    |

    Scenario Outline: buffer.<fn>(<input>) throws an InvalidCharacterError: <message>
      When I try buffer.<fn>(<input>)
      Then the error's name is 'InvalidCharacterError'
      And the error's message is '<message>'

      Examples:
        | fn   | input   | message                                            |
        | btoa | '€'     | Invalid character                                  |
        | atob | 'YQ='   | Invalid character                                  |
        | atob | '*'     | Invalid character                                  |
        | atob | 'YW-j'  | Invalid character                                  |
        | atob | '=YQ='  | Invalid character                                  |
        | atob | 'a'     | The string to be decoded is not correctly encoded. |

    Scenario Outline: buffer.<fn>() throws ERR_MISSING_ARGS
      When I try buffer.<fn>()
      Then it throws ERR_MISSING_ARGS (TypeError)
      And the error's message is 'The "input" argument must be specified'

      Examples:
        | fn   |
        | atob |
        | btoa |

  Rule: the old properties

    Scenario: buf.parent is buf.buffer and buf.offset is buf.byteOffset
      Given b = Buffer.from('ab')
      Then b.parent is the same object as b.buffer
      And b.offset is b.byteOffset

    Scenario: buf.byteLength is its length
      Then Buffer.from('abc').byteLength is 3

  Rule: Buffer.from of an array-like object reads its numeric length

    Scenario Outline: Buffer.from(<object>) is the bytes <bytes>
      Then Buffer.from(<object>) is the bytes <bytes>

      Examples:
        | object               | bytes  |
        | {length: 'x'}        | (none) |
        | {length: -1}         | (none) |
        | {length: 1.5, 0: 7}  | 07     |

    Scenario: Buffer.from of an object whose length is undefined throws ERR_INVALID_ARG_TYPE
      When I try Buffer.from({length: undefined, 0: 1})
      Then it throws ERR_INVALID_ARG_TYPE (TypeError)

    Scenario: Buffer.from([]) has an empty ArrayBuffer of its own, not the pool's
      Then Buffer.from([]).buffer.byteLength is 0

    Scenario Outline: Buffer.from(<value>) too big for the pool has an ArrayBuffer of its own
      Given b = Buffer.from(<value>)
      Then b.length is <n>
      And b.buffer.byteLength is <n>
      And b.byteOffset is 0

      Examples:
        | value                  | n     |
        | 'a'.repeat(40000)      | 40000 |
        | '€'.repeat(11000)      | 33000 |
        | new Uint8Array(40000)  | 40000 |

  Rule: compare with ranges

    Scenario: Buffer.compare(b, b) is 0
      Given b = Buffer.from('ab')
      Then Buffer.compare(b, b) is 0

    Scenario Outline: a.compare(b, <targetStart>, <targetEnd>, <sourceStart>, <sourceEnd>) of 'abc' and 'abc' is <result>
      Given a = Buffer.from('abc')
      And b = Buffer.from('abc')
      Then a.compare(b, <targetStart>, <targetEnd>, <sourceStart>, <sourceEnd>) is <result>

      Examples:
        | targetStart | targetEnd | sourceStart | sourceEnd | result |
        | 0           | 2         | 1           | 1         | -1     |
        | 1           | 1         | 1           | 1         | 0      |
        | 2           | 2         | 0           | 1         | 1      |
        | undefined   | 2         | undefined   | undefined | 1      |
        | 1           | undefined | undefined   | undefined | -1     |
        | 0           | 3         | undefined   | 2         | -1     |
        | 0           | 3         | 1           | undefined | 1      |

  Rule: copy converts its offsets to integers

    Scenario Outline: src.copy(dst, <targetStart>, <sourceStart>, <sourceEnd>) copies <n> bytes: <bytes>
      Given dst = Buffer.alloc(3)
      When I try Buffer.from('abc').copy(dst, <targetStart>, <sourceStart>, <sourceEnd>)
      Then it is <n>
      And dst is the bytes <bytes>

      Examples:
        | targetStart | sourceStart | sourceEnd | n | bytes    |
        | 1.5         | undefined   | 2         | 2 | 00 61 62 |
        | '1'         | undefined   | 2         | 2 | 00 61 62 |
        | NaN         | undefined   | 2         | 2 | 61 62 00 |
        | 1152921504606846976 | undefined | 2 | 0 | 00 00 00 |
        | 0           | 0.5       | 2         | 2 | 61 62 00 |
        | 0           | 0         | 1.5       | 1 | 61 00 00 |
        | 0           | 3         | 2         | 0 | 00 00 00 |

    Scenario Outline: src.copy(dst, <targetStart>, <sourceStart>, <sourceEnd>) throws ERR_OUT_OF_RANGE: <message>
      Given dst = Buffer.alloc(3)
      When I try Buffer.from('abc').copy(dst, <targetStart>, <sourceStart>, <sourceEnd>)
      Then it throws ERR_OUT_OF_RANGE (RangeError)
      And the error's message is '<message>'

      Examples:
        | targetStart | sourceStart | sourceEnd | message                                                                         |
        | -1.5        | undefined   | undefined | The value of "targetStart" is out of range. It must be >= 0. Received -2        |
        | 0           | 4           | undefined | The value of "sourceStart" is out of range. It must be >= 0 && <= 3. Received 4 |
        | 0           | 0           | -1        | The value of "sourceEnd" is out of range. It must be >= 0. Received -1          |

  Rule: indexOf clamps its offset to a 32-bit integer and checks a string's encoding

    Scenario Outline: Buffer.from('<text>').<method>(<value>, <offset>) is <result>
      Then Buffer.from('<text>').<method>(<value>, <offset>) is <result>

      Examples:
        | text | method      | value | offset          | result |
        | abc  | indexOf     | 'a'   | 1099511627776   | -1     |
        | abc  | indexOf     | 'c'   | -1099511627776  | 2      |
        | abc  | lastIndexOf | 'a'   | -1099511627776  | -1     |
        | abca | lastIndexOf | 'a'   | 1099511627776   | 3      |
        | abc  | lastIndexOf | 'b'   | -4              | -1     |
        | abc  | lastIndexOf | ''    | -4              | 0      |
        | abc  | indexOf     | ''    | 5               | 3      |
        | abc  | lastIndexOf | 'c'   | 5               | 2      |
        | a    | indexOf     | 'a'   | undefined       | 0      |
        | a    | lastIndexOf | 'a'   | undefined       | 0      |

    Scenario: indexOf of a string in an unknown encoding throws ERR_UNKNOWN_ENCODING
      When I try Buffer.from('abc').indexOf('a', 0, 'bogus')
      Then it throws ERR_UNKNOWN_ENCODING (TypeError)

    Scenario: indexOf of a Buffer ignores an unknown encoding
      Then Buffer.from('abc').indexOf(Buffer.from('a'), 0, 'bogus') is 0

    Scenario Outline: A UCS-2 <method> in 'abab' finds '<value>' at <result>
      Given b = Buffer.from('abab', 'ucs2')
      Then b.<method>('<value>', <offset>, 'ucs2') is <result>

      Examples:
        | method      | value | offset    | result |
        | indexOf     | a     | 0         | 0      |
        | indexOf     | c     | 0         | -1     |
        | lastIndexOf | b     | undefined | 6      |
        | lastIndexOf | c     | undefined | -1     |

  Rule: the variable-width integer methods take a byteLength of 1 to 6

    Scenario: writeUIntLE with byteLength 5 writes five bytes
      Given b = Buffer.alloc(6)
      When I try b.writeUIntLE(0x0102030405, 0, 5)
      Then it is 5
      And b is the bytes 05 04 03 02 01 00

    Scenario: readUIntLE with byteLength 5 reads five bytes
      Then Buffer.from([1, 2, 3, 4, 5, 6]).readUIntLE(0, 5) is 21542142465

    Scenario Outline: writeUIntLE(1, 0, <byteLength>) throws <code>: <message>
      When I try Buffer.alloc(8).writeUIntLE(1, 0, <byteLength>)
      Then it throws <code> (<class>)
      And the error's message is '<message>'

      Examples:
        | byteLength | code                 | class      | message                                                                                  |
        | 7          | ERR_OUT_OF_RANGE     | RangeError | The value of "byteLength" is out of range. It must be >= 1 and <= 6. Received 7          |
        | 1.5        | ERR_OUT_OF_RANGE     | RangeError | The value of "byteLength" is out of range. It must be an integer. Received 1.5           |
        | true       | ERR_INVALID_ARG_TYPE | TypeError  | The "byteLength" argument must be of type number. Received type boolean (true)           |

    Scenario: readUIntLE() without an offset throws ERR_INVALID_ARG_TYPE
      When I try Buffer.alloc(8).readUIntLE()
      Then it throws ERR_INVALID_ARG_TYPE (TypeError)
      And the error's message is 'The "offset" argument must be of type number. Received undefined'

    Scenario: writeBigInt64LE(1) throws a TypeError: a number is not a BigInt
      When I try Buffer.alloc(8).writeBigInt64LE(1)
      Then it throws a TypeError without a code, with the message 'Cannot mix BigInt and other types, use explicit conversions'

  Rule: write's arguments and the values shown in error messages

    Scenario: write(string, offset, encoding) takes the encoding in third place
      Given b = Buffer.alloc(3)
      When I try b.write('6162', 1, 'hex')
      Then it is 2
      And b is the bytes 00 61 62

    Scenario: write(5) throws ERR_INVALID_ARG_TYPE: the first argument must be a string
      When I try Buffer.alloc(2).write(5)
      Then it throws ERR_INVALID_ARG_TYPE (TypeError)
      And the error's message is 'argument must be a string'

    Scenario: A string of 28 characters is shown whole in ERR_INVALID_ARG_TYPE
      When I try Buffer.alloc(1).readUInt8('x'.repeat(28))
      Then it throws ERR_INVALID_ARG_TYPE (TypeError)
      And the error's message is "The \"offset\" argument must be of type number. Received type string ('xxxxxxxxxxxxxxxxxxxxxxxxxxxx')"

    Scenario: A number of 1e21 and more is shown in exponent form in ERR_OUT_OF_RANGE
      When I try Buffer.alloc(1).readUInt8(1e21)
      Then it throws ERR_OUT_OF_RANGE (RangeError)
      And the error's message is 'The value of "offset" is out of range. It must be >= 0 and <= 0. Received 1e_+21'

  Rule: allocation arguments

    Scenario: Buffer.alloc(uint8array) throws ERR_INVALID_ARG_TYPE: the size must be a number
      When I try Buffer.alloc(new Uint8Array(1))
      Then it throws ERR_INVALID_ARG_TYPE (TypeError)
      And the error's message is 'The "size" argument must be of type number. Received an instance of Uint8Array'

    Scenario: Buffer.allocUnsafeSlow(0) is an empty Buffer
      Then Buffer.allocUnsafeSlow(0) is a Buffer of 0 bytes

    Scenario: Buffer.alloc(0, fill, encoding) does not look at the encoding: nothing is filled
      Then Buffer.alloc(0, 'a', 'bogus') is a Buffer of 0 bytes

    Scenario: Buffer.alloc(1, fill, encoding) checks the encoding
      When I try Buffer.alloc(1, 'a', 'bogus')
      Then it throws ERR_UNKNOWN_ENCODING (TypeError)

  Rule: the order of the integer writes' checks

    Scenario Outline: buf.<method>(<value>, 'x') throws <code>: <what> is checked first
      When I try Buffer.alloc(2).<method>(<value>, 'x')
      Then it throws <code> (<class>)

      Examples:
        | method        | value | code                 | class      | what                          |
        | writeUInt8    | 300   | ERR_INVALID_ARG_TYPE | TypeError  | a 1-byte write's offset       |
        | writeInt8     | 300   | ERR_INVALID_ARG_TYPE | TypeError  | a 1-byte write's offset       |
        | writeUInt16LE | 70000 | ERR_OUT_OF_RANGE     | RangeError | a wider write's value         |

    Scenario: writeBigUInt64LE(0n) writes eight zero bytes
      Given b = Buffer.alloc(8, 1)
      When I try b.writeBigUInt64LE(0n)
      Then it is 8
      And b is the bytes 00 00 00 00 00 00 00 00

    Scenario: writeBigUInt64LE(-1n) throws ERR_OUT_OF_RANGE
      When I try Buffer.alloc(8).writeBigUInt64LE(-1n)
      Then it throws ERR_OUT_OF_RANGE (RangeError)
      And the error's message is 'The value of "value" is out of range. It must be >= 0n and < 2n ** 64n. Received -1n'

  Rule: a UCS-2 lastIndexOf searches whole code units backwards from its offset

    Scenario Outline: Buffer.from('<text>', 'ucs2').lastIndexOf('<value>', <offset>, 'ucs2') is <result>
      Then Buffer.from('<text>', 'ucs2').lastIndexOf('<value>', <offset>, 'ucs2') is <result>

      Examples:
        | text | value | offset    | result |
        | ab   | a     | undefined | 0      |
        | abab | b     | 100       | 6      |
        | abab | b     | 3         | 2      |
        | abab | ab    | 100       | 4      |

  Rule: Buffer.byteLength(string, 'base64') estimates from the length, discounting up to two '='

    Scenario Outline: Buffer.byteLength('<text>', 'base64') is <n>
      Then Buffer.byteLength('<text>', 'base64') is <n>

      Examples:
        | text | n |
        | =    | 0 |
        | ==   | 0 |
        | a=   | 0 |
        | ab== | 1 |
        | abc= | 2 |
        | ab=c | 3 |
        | ==== | 1 |

  Rule: the range of writeIntLE and the value shown by ERR_INVALID_ARG_VALUE

    Scenario Outline: writeIntLE(<value>, 0, 1) throws ERR_OUT_OF_RANGE: a signed byte is -128 to 127
      When I try Buffer.alloc(2).writeIntLE(<value>, 0, 1)
      Then it throws ERR_OUT_OF_RANGE (RangeError)
      And the error's message is '<message>'

      Examples:
        | value | message                                                                          |
        | -129  | The value of "value" is out of range. It must be >= -128 and <= 127. Received -129 |
        | 128   | The value of "value" is out of range. It must be >= -128 and <= 127. Received 128  |

    Scenario Outline: fill(<value>, 'hex') with no hex digits throws ERR_INVALID_ARG_VALUE showing the string as util.inspect does
      When I try Buffer.alloc(2).fill(<value>, 'hex')
      Then it throws ERR_INVALID_ARG_VALUE (TypeError)
      And the error's message is "The argument 'value' is invalid. Received <shown>"

      Examples:
        | value  | shown  |
        | 'zz'   | 'zz'   |
        | "a'b"  | \"a'b\" |

  Rule: the float writes check their offset

    Scenario Outline: buf.<method>(1, <offset>) on 8 bytes throws ERR_OUT_OF_RANGE: <message>
      When I try Buffer.alloc(8).<method>(1, <offset>)
      Then it throws ERR_OUT_OF_RANGE (RangeError)
      And the error's message is '<message>'

      Examples:
        | method       | offset | message                                                                     |
        | writeFloatLE | 1.5    | The value of "offset" is out of range. It must be an integer. Received 1.5  |
        | writeDoubleLE | -1    | The value of "offset" is out of range. It must be >= 0 and <= 0. Received -1 |
        | writeFloatBE | 5      | The value of "offset" is out of range. It must be >= 0 and <= 4. Received 5 |

  Rule: more edges

    Scenario: An empty Buffer filled with an empty Buffer stays empty: nothing is filled, so no error
      Then Buffer.alloc(0).fill(Buffer.alloc(0)) is a Buffer of 0 bytes

    Scenario: Buffer.from(-1.5) throws ERR_INVALID_ARG_TYPE, showing the number
      When I try Buffer.from(-1.5)
      Then it throws ERR_INVALID_ARG_TYPE (TypeError)
      And the error's message is 'The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object. Received type number (-1.5)'

    Scenario Outline: Buffer.from('<text>', 'base64') without padding decodes to <bytes>
      Then Buffer.from('<text>', 'base64') is the bytes <bytes>

      Examples:
        | text            | bytes                            |
        | YWJjZGVmZ2      | 61 62 63 64 65 66 67             |
        | YWJjZGVmZ2hpamt | 61 62 63 64 65 66 67 68 69 6a 6b |

  Rule: a 6-byte write of a fraction takes the bytes above 32 bits from floor(value / 2 ** 32)

    Scenario Outline: buf.<method>(<value>, 0, 6) writes <bytes>
      Given b = Buffer.alloc(6)
      When I try b.<method>(<value>, 0, 6)
      Then it is 6
      And b is the bytes <bytes>

      Examples:
        | method     | value               | bytes             |
        | writeUIntLE | 1099511627776.5    | 00 00 00 00 00 01 |
        | writeIntBE | -1099511627776.5    | fe ff 00 00 00 00 |
