@buffer
Feature: Buffer in depth: the arguments each method converts, checks and clamps
  Each scenario pins down one behaviour that a faithful implementation could get wrong in one place and
  stay green on every other scenario (each was found by a surviving mutant of the reference, and probed
  on Node 20, 22, 24 and 26): an offset of exactly 0, a fraction, an infinity, a number past 2 ** 53,
  a UCS-2 search whose needle does not fit.

  Rule: write takes an offset of 0 as the start

    Scenario: write('ab', 0, 1) writes one byte at the start
      Given b = Buffer.alloc(2)
      When I try b.write('ab', 0, 1)
      Then it is 1
      And b is the bytes 61 00

  Rule: indexOf and lastIndexOf truncate a fractional offset

    Scenario Outline: Buffer.from('<text>').<method>('<value>', <offset>) is <result>
      Then Buffer.from('<text>').<method>('<value>', <offset>) is <result>

      Examples:
        | text   | method      | value | offset | result |
        | abc    | indexOf     | b     | 1.5    | 1      |
        | abc    | indexOf     | a     | 0.9    | 0      |
        | abcabc | lastIndexOf | b     | 4.9    | 4      |
        | abc    | lastIndexOf | c     | -0.5   | -1     |

  Rule: a UCS-2 search finds whole code units

    Scenario Outline: Buffer.from('<text>', 'ucs2').<method>(<needle>, <offset>, 'ucs2') is 0: a haystack of one code unit is searched
      Then Buffer.from('<text>', 'ucs2').<method>(<needle>, <offset>, 'ucs2') is 0

      Examples:
        | text | method      | needle                    | offset    |
        | a    | indexOf     | 'a'                       | 0         |
        | a    | lastIndexOf | 'a'                       | undefined |
        | a    | indexOf     | Buffer.from('a', 'ucs2')  | 0         |

    Scenario: A UCS-2 indexOf skips a match at an odd byte and finds the one at the next even byte
      Then Buffer.from('006161616100', 'hex').indexOf(Buffer.from('6161', 'hex'), 0, 'ucs2') is 2

  Rule: a UCS-2 search of a Buffer needle that does not fit after the offset finds nothing

    Scenario: Buffer.from('a', 'ucs2').indexOf(Buffer.from('a', 'ucs2'), -1, 'ucs2') is -1: from one byte before the end, two bytes do not fit
      Then Buffer.from('a', 'ucs2').indexOf(Buffer.from('a', 'ucs2'), -1, 'ucs2') is -1

    Scenario: A UCS-2 lastIndexOf of a Buffer needle longer than the haystack is -1, though its first code unit is there
      Then Buffer.from('a', 'ucs2').lastIndexOf(Buffer.from('610061', 'hex'), undefined, 'ucs2') is -1

    Scenario: Buffer.from('abab', 'ucs2').indexOf('b', 2, 'ucs2') is 2: the search starts at the code unit the offset names
      Then Buffer.from('abab', 'ucs2').indexOf('b', 2, 'ucs2') is 2

    Scenario: Buffer.from('abcd').indexOf(Buffer.from('cde'), 2, 'ucs2') is -1: three bytes do not fit in the two left
      Then Buffer.from('abcd').indexOf(Buffer.from('cde'), 2, 'ucs2') is -1

  Rule: the BigInt writes check their offset

    Scenario Outline: writeBigInt64LE(1n, <offset>) on 16 bytes throws ERR_OUT_OF_RANGE: <message>
      When I try Buffer.alloc(16).writeBigInt64LE(1n, <offset>)
      Then it throws ERR_OUT_OF_RANGE (RangeError)
      And the error's message is '<message>'

      Examples:
        | offset | message                                                                     |
        | 0.5    | The value of "offset" is out of range. It must be an integer. Received 0.5  |
        | -1     | The value of "offset" is out of range. It must be >= 0 and <= 8. Received -1 |

  Rule: copy reads a numeric string's offset as the number it holds

    Scenario: copy(dst, '-9007199254740991.0') throws ERR_OUT_OF_RANGE: the smallest safe integer is a number, not the default 0
      When I try Buffer.from('abc').copy(Buffer.alloc(3), '-9007199254740991.0')
      Then it throws ERR_OUT_OF_RANGE (RangeError)
      And the error's message is 'The value of "targetStart" is out of range. It must be >= 0. Received -9_007_199_254_740_991'

  Rule: copy reads an offset that is no safe integer as 0

    Scenario Outline: src.copy(dst, <targetStart>, <sourceStart>, <sourceEnd>) copies <n> bytes: <bytes>
      Given dst = Buffer.alloc(3)
      When I try Buffer.from('abc').copy(dst, <targetStart>, <sourceStart>, <sourceEnd>)
      Then it is <n>
      And dst is the bytes <bytes>

      Examples:
        | targetStart          | sourceStart | sourceEnd | n | bytes    |
        | 0                    | 0           | Infinity  | 0 | 00 00 00 |
        | Infinity             | undefined   | undefined | 3 | 61 62 63 |
        | '9007199254740992.0' | undefined   | undefined | 3 | 61 62 63 |
        | 0                    | '1e400'     | undefined | 3 | 61 62 63 |
        | '9007199254740991'   | undefined   | undefined | 0 | 00 00 00 |
        | '9007199254740992'   | undefined   | undefined | 3 | 61 62 63 |
        | '-9007199254740992'  | undefined   | undefined | 3 | 61 62 63 |
        | '-9007199254740992.0' | undefined  | undefined | 3 | 61 62 63 |

  Rule: copy copies the source range, clipped to the room in the target and to the source's end

    Scenario Outline: Buffer.from('abc').copy(a Buffer of <size> bytes, <args>) copies <n> bytes: <bytes>
      Given dst = Buffer.alloc(<size>)
      When I try Buffer.from('abc').copy(dst, <args>)
      Then it is <n>
      And dst is the bytes <bytes>

      Examples:
        | size | args    | n | bytes          |
        | 5    | 0, 1, 2 | 1 | 62 00 00 00 00 |
        | 2    | 1       | 1 | 00 61          |

  Rule: compare checks each offset it is given

    Scenario Outline: a.compare(b, <targetStart>, <targetEnd>, <sourceStart>) throws ERR_OUT_OF_RANGE: <name> is negative
      Given a = Buffer.from('abc')
      When I try a.compare(Buffer.from('abc'), <targetStart>, <targetEnd>, <sourceStart>)
      Then it throws ERR_OUT_OF_RANGE (RangeError)

      Examples:
        | targetStart | targetEnd | sourceStart | name        |
        | -1          | 3         | 0           | targetStart |
        | 0           | 3         | -1          | sourceStart |

    Scenario: a.compare(b, 1.5) throws ERR_OUT_OF_RANGE: targetStart must be an integer
      When I try Buffer.from('abc').compare(Buffer.from('abc'), 1.5)
      Then it throws ERR_OUT_OF_RANGE (RangeError)
      And the error's message is 'The value of "targetStart" is out of range. It must be an integer. Received 1.5'

  Rule: fill with one character writes its UTF-8 bytes unless it is ASCII

    Scenario: Buffer.alloc(4).fill('\x80') repeats U+0080's two UTF-8 bytes
      Then Buffer.alloc(4).fill('\x80') is the bytes c2 80 c2 80

  Rule: subarray clamps infinite indices to the ends

    Scenario Outline: Buffer.from('abc').subarray(<start>, <end>) is '<text>'
      Then Buffer.from('abc').subarray(<start>, <end>).toString() is '<text>'

      Examples:
        | start     | end      | text |
        | 1         | Infinity | bc   |
        | -Infinity | 2        | ab   |

  Rule: an index outside a Buffer reads undefined

    Scenario: Buffer.from('ab')[-1] is undefined
      Given b = Buffer.from('ab')
      Then b[-1] is undefined

  Rule: a long string in an error message is cut at 25 UTF-16 code units

    Scenario: A string of 16 characters but 29 code units is cut in ERR_INVALID_ARG_TYPE: each emoji is two units
      When I try Buffer.alloc(1).readUInt8('a😀😀😀😀😀😀😀😀😀😀😀bc😀😀')
      Then it throws ERR_INVALID_ARG_TYPE (TypeError)
      And the error's message is "The \"offset\" argument must be of type number. Received type string ('a😀😀😀😀😀😀😀😀😀😀😀bc...')"

  Rule: compare accepts an empty range at the start and refuses an end past its Buffer

    Scenario Outline: a.compare(b, <targetStart>, <targetEnd>, <sourceStart>, <sourceEnd>) of 'abc' and 'abc' is <result>: <why>
      Given a = Buffer.from('abc')
      Then a.compare(Buffer.from('abc'), <targetStart>, <targetEnd>, <sourceStart>, <sourceEnd>) is <result>

      Examples:
        | targetStart | targetEnd | sourceStart | sourceEnd | result | why                              |
        | 0           | 0         | undefined   | undefined | 1      | an empty target range comes first |
        | 0           | 3         | 0           | 0         | -1     | an empty source range comes first |

    Scenario Outline: a.compare(b, 0, 3, 0, <sourceEnd>) throws ERR_OUT_OF_RANGE: sourceEnd is at most a's length
      When I try Buffer.from('abc').compare(Buffer.from('abc'), 0, 3, 0, <sourceEnd>)
      Then it throws ERR_OUT_OF_RANGE (RangeError)
      And the error's message is '<message>'

      Examples:
        | sourceEnd | message                                                                       |
        | 4         | The value of "sourceEnd" is out of range. It must be >= 0 && <= 3. Received 4  |
        | -1        | The value of "sourceEnd" is out of range. It must be >= 0 && <= 3. Received -1 |

  Rule: copy stops at the end of its source

    Scenario: Buffer.from('abc').copy(dst, 0, 1, 10) copies the 2 bytes after sourceStart
      Given dst = Buffer.alloc(5)
      When I try Buffer.from('abc').copy(dst, 0, 1, 10)
      Then it is 2
      And dst is the bytes 62 63 00 00 00

  Rule: fill's encoding: where it may stand and what it may be

    Scenario Outline: Buffer.alloc(<size>).fill(<args>) is the bytes <bytes>: <why>
      Then Buffer.alloc(<size>).fill(<args>) is the bytes <bytes>

      Examples:
        | size | args               | bytes    | why                                                       |
        | 3    | 'a', 'utf8', 1     | 61 61 61 | an encoding in second place fills the whole Buffer         |
        | 2    | 'a', ''            | 61 61    | an empty encoding is UTF-8                                 |
        | 2    | 'a', 0, 2, null    | 61 61    | a null encoding is UTF-8                                   |
        | 3    | 1, 1.0             | 00 01 01 | an offset of 1.0 is the integer 1                          |
        | 3    | true, 1            | 00 01 01 | true fills 1 from the offset                               |
        | 1    | 'ab'               | 61       | a string longer than the Buffer is cut                     |
        | 1    | 'é'                | c3       | a character's bytes are cut too                            |

    Scenario: fill('a', 0, 2, 5) throws ERR_INVALID_ARG_TYPE: the encoding must be a string
      When I try Buffer.alloc(2).fill('a', 0, 2, 5)
      Then it throws ERR_INVALID_ARG_TYPE (TypeError)
      And the error's message is 'The "encoding" argument must be of type string. Received type number (5)'

  Rule: write checks its length

    Scenario: write('a', 0, 0) writes nothing
      Given b = Buffer.alloc(2)
      When I try b.write('a', 0, 0)
      Then it is 0
      And b is the bytes 00 00

    Scenario: write('a', 0, -1) throws ERR_OUT_OF_RANGE
      When I try Buffer.alloc(2).write('a', 0, -1)
      Then it throws ERR_OUT_OF_RANGE (RangeError)
      And the error's message is 'The value of "length" is out of range. It must be >= 0 && <= 2. Received -1'

    Scenario: write('abc', 1, 3) on 3 bytes writes the 2 that fit after the offset
      Given b = Buffer.alloc(3)
      When I try b.write('abc', 1, 3)
      Then it is 2
      And b is the bytes 00 61 62

  Rule: the variable-width integers have every width from 1 to 6 bytes

    Scenario Outline: Buffer.from([1, 2, 3, 4, 5, 6]).<method>(0, <byteLength>) is <value>
      Then Buffer.from([1, 2, 3, 4, 5, 6]).<method>(0, <byteLength>) is <value>

      Examples:
        | method    | byteLength | value          |
        | readUIntLE | 1         | 1              |
        | readUIntLE | 2         | 513            |
        | readUIntLE | 3         | 197121         |
        | readUIntLE | 4         | 67305985       |
        | readUIntLE | 6         | 6618611909121  |
        | readIntBE  | 2         | 258            |
        | readIntBE  | 4         | 16909060       |
        | readIntBE  | 6         | 1108152157446  |

    Scenario Outline: buf.<method>(<value>, 0, <byteLength>) writes <bytes>
      Given b = Buffer.alloc(6)
      When I try b.<method>(<value>, 0, <byteLength>)
      Then it is <byteLength>
      And b is the bytes <bytes>

      Examples:
        | method      | value         | byteLength | bytes             |
        | writeUIntLE | 1             | 1          | 01 00 00 00 00 00 |
        | writeUIntLE | 513           | 2          | 01 02 00 00 00 00 |
        | writeUIntLE | 197121        | 3          | 01 02 03 00 00 00 |
        | writeUIntLE | 67305985      | 4          | 01 02 03 04 00 00 |
        | writeUIntBE | 65535         | 2          | ff ff 00 00 00 00 |
        | writeIntBE  | -2            | 4          | ff ff ff fe 00 00 |
        | writeIntLE  | 1108152157446 | 6          | 06 05 04 03 02 01 |

    Scenario: writeUIntLE(1, undefined, 2) throws ERR_INVALID_ARG_TYPE: the variable-width writes have no default offset
      When I try Buffer.alloc(4).writeUIntLE(1, undefined, 2)
      Then it throws ERR_INVALID_ARG_TYPE (TypeError)
      And the error's message is 'The "offset" argument must be of type number. Received undefined'

    Scenario Outline: buf.<method>(<value>, 0, <byteLength>) throws ERR_OUT_OF_RANGE: a range past 32 bits is given in powers of two
      When I try Buffer.alloc(8).<method>(<value>, 0, <byteLength>)
      Then it throws ERR_OUT_OF_RANGE (RangeError)
      And the error's message is 'The value of "value" is out of range. It must be <range>. Received <shown>'

      Examples:
        | method      | value           | byteLength | range                         | shown               |
        | writeUIntLE | 1099511627776   | 5          | >= 0 and < 2 ** 40            | 1_099_511_627_776   |
        | writeUIntBE | 281474976710656 | 6          | >= 0 and < 2 ** 48            | 281_474_976_710_656 |
        | writeIntLE  | 549755813888    | 5          | >= -(2 ** 39) and < 2 ** 39   | 549_755_813_888     |

  Rule: the float reads read their own four or eight bytes from the offset

    Scenario Outline: Buffer.from('<hex>', 'hex').<method>(1) is 1
      Then Buffer.from('<hex>', 'hex').<method>(1) is 1

      Examples:
        | method       | hex                  |
        | readFloatBE  | 003f80000000         |
        | readFloatLE  | 000000803f00         |
        | readDoubleLE | 00000000000000f03f00 |
        | readDoubleBE | 003ff0000000000000ff |

  Rule: the fixed-width integer writes take exactly their type's range

    Scenario Outline: buf.<method>(<value>) writes <bytes>
      Given b = Buffer.alloc(4)
      When I try b.<method>(<value>)
      Then it is <size>
      And b is the bytes <bytes>

      Examples:
        | method        | value       | size | bytes       |
        | writeUInt16BE | 0           | 2    | 00 00 00 00 |
        | writeUInt16BE | 65535       | 2    | ff ff 00 00 |
        | writeInt16BE  | -32768      | 2    | 80 00 00 00 |
        | writeInt16BE  | 32767       | 2    | 7f ff 00 00 |
        | writeUInt32BE | 0           | 4    | 00 00 00 00 |
        | writeUInt32BE | 4294967295  | 4    | ff ff ff ff |
        | writeInt32BE  | -2147483648 | 4    | 80 00 00 00 |
        | writeInt32BE  | 2147483647  | 4    | 7f ff ff ff |
        | writeUInt16LE | 65535       | 2    | ff ff 00 00 |
        | writeInt16LE  | -32768      | 2    | 00 80 00 00 |
        | writeUInt32LE | 4294967295  | 4    | ff ff ff ff |
        | writeInt32LE  | -2147483648 | 4    | 00 00 00 80 |

    Scenario Outline: buf.<method>(<value>) throws ERR_OUT_OF_RANGE: it must be <range>
      When I try Buffer.alloc(4).<method>(<value>)
      Then it throws ERR_OUT_OF_RANGE (RangeError)
      And the error's message is 'The value of "value" is out of range. It must be <range>. Received <value>'

      Examples:
        | method        | value       | range |
        | writeUInt16BE | 65536       | >= 0 and <= 65535 |
        | writeUInt16BE | -1          | >= 0 and <= 65535 |
        | writeInt16BE  | 32768       | >= -32768 and <= 32767 |
        | writeInt16BE  | -32769      | >= -32768 and <= 32767 |
        | writeUInt32BE | 4294967296  | >= 0 and <= 4294967295 |
        | writeUInt32BE | -1          | >= 0 and <= 4294967295 |
        | writeInt32BE  | 2147483648  | >= -2147483648 and <= 2147483647 |
        | writeInt32BE  | -2147483649 | >= -2147483648 and <= 2147483647 |

  Rule: buffer has only the module's own names

    Scenario: buffer.poolSize is undefined: the pool size is Buffer's property, not the module's
      Then buffer.poolSize is undefined

  Rule: a Buffer is an instance of Buffer in error messages

    Scenario: Buffer.alloc(buf) throws ERR_INVALID_ARG_TYPE, naming the Buffer's class
      When I try Buffer.alloc(Buffer.from('a'))
      Then it throws ERR_INVALID_ARG_TYPE (TypeError)
      And the error's message is 'The "size" argument must be of type number. Received an instance of Buffer'

  Rule: Buffer.from of an object

    Scenario Outline: Buffer.from(<object>) throws ERR_INVALID_ARG_TYPE: <why>
      When I try Buffer.from(<object>)
      Then it throws ERR_INVALID_ARG_TYPE (TypeError)
      And the error's message is 'The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object. Received an instance of Object'

      Examples:
        | object                      | why                                      |
        | {data: [1, 2]}              | data is read only with type 'Buffer'     |
        | {type: 'Buffer', data: 'ab'} | data must be an array                   |

    Scenario: Buffer.from({length: NaN}) is empty
      Then Buffer.from({length: NaN}) is the bytes (none)

  Rule: concat checks its totalLength

    Scenario Outline: Buffer.concat([buf], <length>) throws ERR_OUT_OF_RANGE: <message>
      When I try Buffer.concat([Buffer.from('a')], <length>)
      Then it throws ERR_OUT_OF_RANGE (RangeError)
      And the error's message is '<message>'

      Examples:
        | length | message                                                                       |
        | 1.5    | The value of "length" is out of range. It must be an integer. Received 1.5    |

    Scenario Outline: Buffer.concat([buf], -1) throws ERR_OUT_OF_RANGE for its length, at most <limit>
      When I try Buffer.concat([Buffer.from('a')], -1)
      Then it throws ERR_OUT_OF_RANGE (RangeError)
      And the error's message is '<message>'

      Examples:
        | node | limit            | message                                                                                  |
        | 20   | 4294967296       | The value of "length" is out of range. It must be >= 0 && <= 4294967296. Received -1       |
        | >=22 | 9007199254740991 | The value of "length" is out of range. It must be >= 0 && <= 9007199254740991. Received -1 |

  Rule: lastIndexOf takes a string in second place as the encoding, and searches from the end

    Scenario Outline: Buffer.from('abc').lastIndexOf(<value>, '') is 2: '' is the encoding, not an offset of 0
      Then Buffer.from('abc').lastIndexOf(<value>, '') is 2

      Examples:
        | value           |
        | Buffer.from('c') |
        | 99              |

  Rule: atob refuses a length of 4n + 1 after padding and whitespace are gone, with DOMException code 5

    Scenario Outline: buffer.atob('<input>') throws an InvalidCharacterError of code 5: The string to be decoded is not correctly encoded.
      When I try buffer.atob('<input>')
      Then the error's name is 'InvalidCharacterError'
      And the error's code is 5
      And the error's message is 'The string to be decoded is not correctly encoded.'

      Examples:
        | input     |
        | YWJjZ     |
        | YWJjZGVmZ |

  Rule: the empty and the exact-length Buffers

    Scenario: Buffer.from('') has an empty ArrayBuffer of its own
      Then Buffer.from('').buffer.byteLength is 0

    Scenario Outline: Buffer.from(new ArrayBuffer(4), <offset>, <length>) is <n> bytes long
      Then Buffer.from(new ArrayBuffer(4), <offset>, <length>).length is <n>

      Examples:
        | offset | length | n |
        | 1      | 3      | 3 |
        | 0      | -0     | 0 |

  Rule: a 6-byte write of NaN writes zeros

    Scenario Outline: buf.<method>(NaN, 0, 6) writes six zero bytes
      Given b = Buffer.alloc(6, 1)
      When I try b.<method>(NaN, 0, 6)
      Then it is 6
      And b is the bytes 00 00 00 00 00 00

      Examples:
        | method      |
        | writeUIntLE |
        | writeIntBE  |

  Rule: toString's end truncates to an integer, NaN and -Infinity to nothing

    Scenario Outline: Buffer.from('abc').toString('utf8', 0, <end>) is '<text>'
      Then Buffer.from('abc').toString('utf8', 0, <end>) is '<text>'

      Examples:
        | end       | text |
        | NaN       |      |
        | -Infinity |      |
        | 1         | a    |
        | 1.9       | a    |

  Rule: concat, without a totalLength, sums its items' lengths before checking them up to Node 22, and checks them first from Node 24

    Scenario Outline: Buffer.concat(<list>) throws <code>: <why>
      When I try Buffer.concat(<list>)
      Then it throws <code> (<class>)
      And the error's message is "<message>"

      Examples:
        | node | list                 | code                 | class      | message                                                                                             | why                                      |
        | 20   | [{length: -1}]       | ERR_OUT_OF_RANGE     | RangeError | The value of \"size\" is out of range. It must be >= 0 && <= 4294967296. Received -1                    | the sum -1 is no size (Node 20)          |
        | 22   | [{length: -1}]       | ERR_OUT_OF_RANGE     | RangeError | The value of \"size\" is out of range. It must be >= 0 && <= 9007199254740991. Received -1              | the sum -1 is no size (Node 22)          |
        | >=24 | [{length: -1}]       | ERR_INVALID_ARG_TYPE | TypeError  | The \"list[0]\" argument must be an instance of Buffer or Uint8Array. Received an instance of Object    | the item is checked first                |
        | 20   | [[1], {length: -2}]  | ERR_OUT_OF_RANGE     | RangeError | The value of \"size\" is out of range. It must be >= 0 && <= 4294967296. Received -1                    | an array's length counts too (Node 20)   |
        | 22   | [[1], {length: -2}]  | ERR_OUT_OF_RANGE     | RangeError | The value of \"size\" is out of range. It must be >= 0 && <= 9007199254740991. Received -1              | an array's length counts too (Node 22)   |
        | >=24 | [[1], {length: -2}]  | ERR_INVALID_ARG_TYPE | TypeError  | The \"list[0]\" argument must be an instance of Buffer or Uint8Array. Received an instance of Array     | the item is checked first                |
        | 20-22 | [{length: '5'}]     | ERR_INVALID_ARG_TYPE | TypeError  | The \"size\" argument must be of type number. Received type string ('05')                              | 0 + '5' is the string '05'               |
        | >=24 | [{length: '5'}]      | ERR_INVALID_ARG_TYPE | TypeError  | The \"list[0]\" argument must be an instance of Buffer or Uint8Array. Received an instance of Object    | the item is checked first                |
        |      | ['ab', {length: -1}] | ERR_INVALID_ARG_TYPE | TypeError  | The \"list[0]\" argument must be an instance of Buffer or Uint8Array. Received type string ('ab')       | 2 - 1 is a size: the string is refused   |

    Scenario Outline: Buffer.concat([null]) throws a TypeError: <why>
      When I try Buffer.concat([null])
      Then it throws <error>

      Examples:
        | node  | error                           | why                                         |
        | 20-22 | a TypeError without a code      | null has no length to read                  |
        | >=24  | ERR_INVALID_ARG_TYPE (TypeError) | the item is checked before its length is read |

  Rule: buffer's own constants

    Scenario: buffer.kStringMaxLength is 536870888
      Then buffer.kStringMaxLength is 536870888

  Rule: -0 is shown as -0 in messages

    Scenario: Buffer.from(-0) throws ERR_INVALID_ARG_TYPE, showing -0
      When I try Buffer.from(-0)
      Then it throws ERR_INVALID_ARG_TYPE (TypeError)
      And the error's message is 'The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object. Received type number (-0)'

    Scenario: writeUIntLE(1, 0, -0) throws ERR_OUT_OF_RANGE, showing -0
      When I try Buffer.alloc(8).writeUIntLE(1, 0, -0)
      Then it throws ERR_OUT_OF_RANGE (RangeError)
      And the error's message is 'The value of "byteLength" is out of range. It must be >= 1 and <= 6. Received -0'

  Rule: lenient base64 drops a lone last character and pads the rest

    Scenario Outline: Buffer.from('<text>', 'base64') is the bytes <bytes>
      Then Buffer.from('<text>', 'base64') is the bytes <bytes>

      Examples:
        | text           | bytes                         |
        | YWJjZ          | 61 62 63                      |
        | YWJjZGVmZ2hpam | 61 62 63 64 65 66 67 68 69 6a |

    Scenario: Buffer.byteLength('a==', 'base64') is 0: both '=' are discounted
      Then Buffer.byteLength('a==', 'base64') is 0

  Rule: an array as an offset is the number its string gives

    Scenario Outline: Buffer.from('abc').lastIndexOf('c', <offset>) is -1: <offset> is the number 0
      Then Buffer.from('abc').lastIndexOf('c', <offset>) is -1

      Examples:
        | offset      |
        | [null]      |
        | [undefined] |

  Rule: messages cut a string of more than 28 UTF-16 code units

    Scenario Outline: readUInt8(<string>) shows <shown> in ERR_INVALID_ARG_TYPE: <why>
      When I try Buffer.alloc(1).readUInt8(<string>)
      Then it throws ERR_INVALID_ARG_TYPE (TypeError)
      And the error's message is "The \"offset\" argument must be of type number. Received type string (<shown>)"

      Examples:
        | string                              | shown                              | why                                          |
        | '\uffff'.repeat(15)                | '￿￿￿￿￿￿￿￿￿￿￿￿￿￿￿'                  | U+FFFF is one code unit                      |
        | 'ab😀😀😀😀😀😀😀😀😀😀😀😀😀'          | 'ab😀😀😀😀😀😀😀😀😀😀😀😀😀'          | 28 code units are shown whole                |
        | 'a𐀀𐀀𐀀𐀀𐀀𐀀𐀀𐀀𐀀𐀀𐀀bc𐀀𐀀'         | 'a𐀀𐀀𐀀𐀀𐀀𐀀𐀀𐀀𐀀𐀀𐀀bc...'             | U+10000 is two code units: 29 are cut to 25  |

  Rule: util.inspect escapes control characters, C1 controls and the backslash in messages, and nothing else

    Scenario: fill('\x7f\xa0 ', 'hex') throws ERR_INVALID_ARG_VALUE, showing DEL escaped and the no-break space and the space as they are
      When I try Buffer.alloc(2).fill('\x7f\xa0 ', 'hex')
      Then it throws ERR_INVALID_ARG_VALUE (TypeError)
      And the error's message is "The argument 'value' is invalid. Received '\\x7F\u00a0 '"

    Scenario: fill() of control characters and a backslash in hex throws ERR_INVALID_ARG_VALUE, showing each escaped
      When I try Buffer.alloc(2).fill('\b\t\n\f\r\\\x01\x1f\x9f', 'hex')
      Then it throws ERR_INVALID_ARG_VALUE (TypeError)
      And the error's message is "The argument 'value' is invalid. Received '\\b\\t\\n\\f\\r\\\\\\x01\\x1F\\x9F'"

  Rule: a numeric string is a JavaScript number: -0 keeps its sign, and past the largest double it is Infinity

    Scenario: writeDoubleLE('-0') writes -0
      Given b = Buffer.alloc(8)
      When I try b.writeDoubleLE('-0')
      Then it is 8
      And b is the bytes 00 00 00 00 00 00 00 80

    Scenario: src.copy(dst, '1'.repeat(400)) copies 3 bytes: a targetStart of Infinity is read as 0
      Given dst = Buffer.alloc(3)
      When I try Buffer.from('abc').copy(dst, '1'.repeat(400))
      Then it is 3
      And dst is the bytes 61 62 63

    Scenario: fill() of a string holding all three quotes shows it in single quotes, the single quote escaped
      When I try Buffer.alloc(2).fill('\'"`', 'hex')
      Then it throws ERR_INVALID_ARG_VALUE (TypeError)
      And the error's message is "The argument 'value' is invalid. Received '\\'\"`'"

    Scenario: fill() of lone surrogates in hex shows each as a \u escape, and U+E000 as it is
      When I try Buffer.alloc(2).fill('\ud800x\udfff\ue000', 'hex')
      Then it throws ERR_INVALID_ARG_VALUE (TypeError)
      And the error's message is "The argument 'value' is invalid. Received '\\ud800x\\udfff\ue000'"

    Scenario: fill() of a string holding both quotes but no backtick shows it in backticks
      When I try Buffer.alloc(2).fill('\'"', 'hex')
      Then it throws ERR_INVALID_ARG_VALUE (TypeError)
      And the error's message is "The argument 'value' is invalid. Received `'\"`"

    Scenario: fill() of an empty DataView throws ERR_INVALID_ARG_VALUE: it has no bytes to repeat
      When I try Buffer.alloc(2).fill(new DataView(new ArrayBuffer(0)))
      Then it throws ERR_INVALID_ARG_VALUE (TypeError)

  Rule: util.inspect of a typed array shows -0 and negative fractions as JavaScript does

    Scenario: util.inspect(new Float64Array([-1.5, -0])) is 'Float64Array(2) [ -1.5, -0 ]'
      Then util.inspect(new Float64Array([-1.5, -0])) is 'Float64Array(2) [ -1.5, -0 ]'

  Rule: the 64-bit writes take exactly their type's range

    Scenario Outline: buf.<method>(<value>) writes the 8 bytes <bytes>
      Given b = Buffer.alloc(8)
      When I try b.<method>(<value>)
      Then it is 8
      And b is the bytes <bytes>

      Examples:
        | method           | value                 | bytes                   |
        | writeBigUInt64LE | 18446744073709551615n | ff ff ff ff ff ff ff ff |
        | writeBigUInt64BE | 18446744073709551615n | ff ff ff ff ff ff ff ff |
        | writeBigInt64LE  | 9223372036854775807n  | ff ff ff ff ff ff ff 7f |
        | writeBigInt64LE  | -9223372036854775808n | 00 00 00 00 00 00 00 80 |

    Scenario Outline: buf.<method>(<value>) throws ERR_OUT_OF_RANGE: a 64-bit value must be <range>
      When I try Buffer.alloc(8).<method>(<value>)
      Then it throws ERR_OUT_OF_RANGE (RangeError)
      And the error's message is 'The value of "value" is out of range. It must be <range>. Received <shown>'

      Examples:
        | method           | value                 | range                               | shown                       |
        | writeBigUInt64LE | 18446744073709551616n | >= 0n and < 2n ** 64n               | 18_446_744_073_709_551_616n |
        | writeBigInt64LE  | 9223372036854775808n  | >= -(2n ** 63n) and < 2n ** 63n     | 9_223_372_036_854_775_808n  |
        | writeBigInt64LE  | -9223372036854775809n | >= -(2n ** 63n) and < 2n ** 63n     | -9_223_372_036_854_775_809n |

    Scenario: writeBigUInt64BE(value, 4) on 16 bytes writes bytes 4 to 11 and returns 12
      Given b = Buffer.alloc(16)
      When I try b.writeBigUInt64BE(18446744073709551615n, 4)
      Then it is 12
      And b is the bytes 00 00 00 00 ff ff ff ff ff ff ff ff 00 00 00 00

  Rule: a Uint8Array's methods ignore extra arguments, as JavaScript functions do

    Scenario: new Uint8Array([1, 2, 3]).subarray(1, 2, 'extra') is the bytes 02
      Given u = new Uint8Array([1, 2, 3])
      Then u.subarray(1, 2, 'extra') is the bytes 02

  Rule: an infinite offset is clamped, not converted

    Scenario Outline: Buffer.from('abc').<method>('<value>', <offset>) is <result>
      Then Buffer.from('abc').<method>('<value>', <offset>) is <result>

      Examples:
        | method      | value | offset    | result |
        | lastIndexOf | c     | Infinity  | 2      |
        | indexOf     | a     | -Infinity | 0      |

  Rule: messages name the binary data class of what they received

    Scenario Outline: Buffer.alloc(new <class>(8)) throws ERR_INVALID_ARG_TYPE, naming <class>
      When I try Buffer.alloc(new <class>(8))
      Then it throws ERR_INVALID_ARG_TYPE (TypeError)
      And the error's message is 'The "size" argument must be of type number. Received an instance of <class>'

      Examples:
        | class             |
        | Int8Array         |
        | Uint8ClampedArray |
        | Int16Array        |
        | Uint16Array       |
        | Int32Array        |
        | Uint32Array       |
        | Float32Array      |
        | Float64Array      |
        | BigInt64Array     |
        | BigUint64Array    |
        | ArrayBuffer       |
        | SharedArrayBuffer |

  Rule: an array buffer made without a length is empty

    Scenario Outline: new <class>() has a byteLength of 0
      Given memory = new <class>()
      Then memory.byteLength is 0

      Examples:
        | class             |
        | ArrayBuffer       |
        | SharedArrayBuffer |

  Rule: a NaN offset is a number that is no integer

    Scenario Outline: buf.<call> throws ERR_OUT_OF_RANGE: a NaN offset must be an integer
      When I try Buffer.alloc(8).<call>
      Then it throws ERR_OUT_OF_RANGE (RangeError)
      And the error's message is 'The value of "offset" is out of range. It must be an integer. Received NaN'

      Examples:
        | call                 |
        | readUInt8(NaN)       |
        | writeDoubleLE(1, NaN) |

  Rule: an Array Iterator is an instance of Object on Node 20 and of Iterator from Node 22, in messages

    Scenario Outline: Buffer.alloc(b.keys()) throws ERR_INVALID_ARG_TYPE, naming the iterator's class <class>
      Given b = Buffer.from('ab')
      When I try Buffer.alloc(b.keys())
      Then it throws ERR_INVALID_ARG_TYPE (TypeError)
      And the error's message is 'The "size" argument must be of type number. Received an instance of <class>'

      Examples:
        | node | class    |
        | 20   | Object   |
        | >=22 | Iterator |

  Rule: an ArrayBuffer's slice() without arguments copies all of it

    Scenario: ab.slice() of a 4-byte ArrayBuffer is 4 bytes long
      Given ab = new ArrayBuffer(4)
      Then ab.slice().byteLength is 4

  Rule: concat skips an item whose length is null (up to Node 22) or checks it first (from Node 24)

    Scenario: Buffer.concat([{length: null}]) throws ERR_INVALID_ARG_TYPE for the item
      When I try Buffer.concat([{length: null}])
      Then it throws ERR_INVALID_ARG_TYPE (TypeError)
      And the error's message is 'The "list[0]" argument must be an instance of Buffer or Uint8Array. Received an instance of Object'

  Rule: a size of buffer.constants.MAX_LENGTH is allowed, and then cannot be allocated

    @node:>=22
    Scenario: Buffer.alloc(9007199254740991) throws V8's RangeError: Array buffer allocation failed, not ERR_OUT_OF_RANGE
      When I try Buffer.alloc(9007199254740991)
      Then it throws a RangeError without a code, with the message 'Array buffer allocation failed'

  Rule: a message names the deprecated SlowBuffer as Node's module exports it

    Scenario Outline: Buffer.alloc(buffer.SlowBuffer) throws ERR_INVALID_ARG_TYPE: Received <shown>
      When I try Buffer.alloc(buffer.SlowBuffer)
      Then it throws ERR_INVALID_ARG_TYPE (TypeError)
      And the error's message is 'The "size" argument must be of type number. Received <shown>'

      Examples:
        | node  | shown               |
        | 20-22 | function SlowBuffer |
        | 24    | function deprecated |
        | >=26  | undefined           |

  Rule: Uint8ClampedArray rounds to the nearest integer, half to even, above 0

    Scenario: new Uint8ClampedArray([1, 0.7]) stores 1 and 1
      Given a = new Uint8ClampedArray([1, 0.7])
      Then a is the bytes 01 01
