@buffer
Feature: Buffer memory, elements, copying, searching and numbers
  A Buffer is a Uint8Array: an assigned element is truncated to 0-255, an index out of range reads
  undefined and writes nothing, slice and subarray share memory. On top of it Node adds copy, concat,
  equals, compare, fill, write, indexOf, the numeric read/write families and swaps.

  @claim:buffer-01
  Scenario: Buffer is a global: globalThis.Buffer is require('buffer').Buffer
    Then globalThis.Buffer is Buffer

  @claim:buffer-03
  Scenario Outline: Assigning <value> to an element stores <stored>
    Given b = Buffer.alloc(1)
    When b[0] = <value>
    Then b[0] is <stored>

    Examples:
      | value | stored |
      | 300   | 44     |
      | -1    | 255    |
      | 1.9   | 1      |
      | '7'   | 7      |
      | 256   | 0      |
      | NaN   | 0      |

  @claim:buffer-03
  Scenario: Reading an index out of range gives undefined
    Given b = Buffer.from([1, 2])
    Then b[2] is undefined
    And b[0] is 1

  @claim:buffer-03
  Scenario: Writing an index out of range is ignored
    Given b = Buffer.from([1, 2])
    When b[10] = 7
    Then b is the bytes 01 02
    And b.length is 2

  @claim:buffer-33
  Scenario: The byte 66 (0b01000010) is the letter B, and 'M' is the byte 77
    Then Buffer.from([0b01000010]).toString() is 'B'
    And Buffer.from('M')[0] is 77

  Scenario Outline: <method> shares memory with the original Buffer
    Given a = Buffer.from('abcdef')
    And part = a.<method>(1, 3)
    When part[0] = 0x5a
    Then a.toString() is 'aZcdef'

    Examples:
      | method   |
      | slice    |
      | subarray |

  Scenario Outline: slice(<start>, <end>) of 'abcdef' is '<text>'
    Given a = Buffer.from('abcdef')
    Then a.slice(<start>, <end>).toString() is '<text>'

    Examples:
      | start | end       | text   |
      | -2    | undefined | ef     |
      | 4     | 2         |        |
      | 1.7   | 3.9       | bc     |
      | '1'   | '3'       | bc     |
      | NaN   | 2         | ab     |
      | -100  | 100       | abcdef |
      | 2     | -100      |        |

  Scenario: copy returns the number of bytes copied and clips to the target
    Given src = Buffer.from('abc')
    And dst = Buffer.alloc(2)
    When I try src.copy(dst, 1)
    Then it is 1
    And dst is the bytes 00 61

  Scenario: copy with source start and end copies that range
    Given src = Buffer.from('abcdef')
    And dst = Buffer.alloc(4)
    When I try src.copy(dst, 0, 2, 5)
    Then it is 3
    And dst is the bytes 63 64 65 00

  @claim:buffer-02
  Scenario: copy into a plain Uint8Array works
    Given src = Buffer.from('ab')
    And dst = new Uint8Array(2)
    When I try src.copy(dst)
    Then it is 2
    And dst is the bytes 61 62

  Scenario: copy with a negative targetStart throws ERR_OUT_OF_RANGE
    Given src = Buffer.from('ab')
    And dst = Buffer.alloc(2)
    When I try src.copy(dst, -1)
    Then it throws ERR_OUT_OF_RANGE (RangeError)

  @claim:buffer-02
  Scenario: concat joins Buffers and Uint8Arrays
    Given a = Buffer.from('ab')
    And u = new Uint8Array([0x63])
    And d = Buffer.from('d')
    When I try Buffer.concat([a, u, d])
    Then it is the bytes 61 62 63 64

  Scenario Outline: concat with totalLength <n> truncates or zero-fills
    Given a = Buffer.from('abc')
    And b = Buffer.from('def')
    When I try Buffer.concat([a, b], <n>)
    Then it is the bytes <bytes>

    Examples:
      | n | bytes                   |
      | 4 | 61 62 63 64             |
      | 8 | 61 62 63 64 65 66 00 00 |
      | 0 | (none)                  |

  Scenario: concat of an empty list is an empty Buffer, whatever the totalLength
    When I try Buffer.concat([], 5)
    Then it is a Buffer of 0 bytes

  @claim:buffer-28
  Scenario: A UTF-8 BOM prepended with concat is kept by toString as U+FEFF
    Given bom = Buffer.from([0xef, 0xbb, 0xbf])
    And csv = Buffer.from('a,b')
    When withBom = Buffer.concat([bom, csv])
    Then withBom is the bytes ef bb bf 61 2c 62
    And withBom.toString('utf8') is '\ufeffa,b'

  Scenario Outline: concat(<list>) throws ERR_INVALID_ARG_TYPE
    When I try Buffer.concat(<list>)
    Then it throws ERR_INVALID_ARG_TYPE (TypeError)

    Examples:
      | list  |
      | 'ab'  |
      | ['a'] |

  Scenario: concat with a negative totalLength throws ERR_OUT_OF_RANGE
    Given a = Buffer.from('a')
    When I try Buffer.concat([a], -1)
    Then it throws ERR_OUT_OF_RANGE (RangeError)

  @claim:buffer-02
  Scenario: equals compares bytes and accepts a Uint8Array
    Given a = Buffer.from('ab')
    And u = new Uint8Array([0x61, 0x62])
    And c = Buffer.from('ac')
    Then a.equals(u) is true
    And a.equals(c) is false

  Scenario: equals with a string throws ERR_INVALID_ARG_TYPE
    Given a = Buffer.from('ab')
    When I try a.equals('ab')
    Then it throws ERR_INVALID_ARG_TYPE (TypeError)

  Scenario Outline: Buffer.compare('<a>', '<b>') is <order>
    Given x = Buffer.from('<a>', 'hex')
    And y = Buffer.from('<b>', 'hex')
    Then Buffer.compare(x, y) is <order>
    And x.compare(y) is <order>

    Examples:
      | a    | b    | order |
      | ff   | 01   | 1     |
      | 61   | 6162 | -1    |
      | 6162 | 6162 | 0     |
      |      | 00   | -1    |

  Scenario: compare with ranges compares the chosen parts
    Given x = Buffer.from('xabc')
    And y = Buffer.from('abcx')
    Then x.compare(y, 0, 3, 1, 4) is 0

  Scenario: compare with a targetEnd past the target throws ERR_OUT_OF_RANGE
    Given x = Buffer.from('abc')
    And y = Buffer.from('abc')
    When I try x.compare(y, 0, 10)
    Then it throws ERR_OUT_OF_RANGE (RangeError)

  Scenario Outline: fill(<args>) on six zero bytes gives <bytes>
    Given b = Buffer.alloc(6)
    When I try b.fill(<args>)
    Then b is the bytes <bytes>

    Examples:
      | args               | bytes             |
      | 'abc', 1, 4        | 00 61 62 63 00 00 |
      | 'abc', 1           | 00 61 62 63 61 62 |
      | 321                | 41 41 41 41 41 41 |
      | -191               | 41 41 41 41 41 41 |
      | 0x41, 4, 2         | 00 00 00 00 00 00 |
      | '6162', 'hex'      | 61 62 61 62 61 62 |
      | 'abc', 1, 'latin1' | 00 61 62 63 61 62 |
      | true               | 01 01 01 01 01 01 |

  Scenario: fill returns the Buffer itself
    Given b = Buffer.alloc(2)
    When I try b.fill(7)
    Then it is b

  Scenario Outline: fill(0x41, <offset>, <end>) throws <code>
    Given b = Buffer.alloc(6)
    When I try b.fill(0x41, <offset>, <end>)
    Then it throws <code> (<class>)

    Examples:
      | offset | end       | code                 | class      |
      | -1     | undefined | ERR_OUT_OF_RANGE     | RangeError |
      | 2      | 10        | ERR_OUT_OF_RANGE     | RangeError |
      | 1.5    | undefined | ERR_OUT_OF_RANGE     | RangeError |
      | '1'    | 3         | ERR_INVALID_ARG_TYPE | TypeError  |

  Scenario Outline: write(<args>) into <size> zero bytes returns <n> and never writes half a character
    Given b = Buffer.alloc(<size>)
    When I try b.write(<args>)
    Then it is <n>
    And b is the bytes <bytes>

    Examples:
      | size | args                 | n | bytes          |
      | 5    | 'héllo'              | 5 | 68 c3 a9 6c 6c |
      | 2    | 'aé'                 | 1 | 61 00          |
      | 3    | '😀'                  | 0 | 00 00 00       |
      | 5    | 'ab', 3              | 2 | 00 00 00 61 62 |
      | 5    | 'abcd', 1, 2         | 2 | 00 61 62 00 00 |
      | 5    | '6162', 1, 'hex'     | 2 | 00 61 62 00 00 |
      | 5    | 'abc', 'hex'         | 1 | ab 00 00 00 00 |
      | 5    | 'zz12', 'hex'        | 0 | 00 00 00 00 00 |
      | 3    | 'ab', 'ucs2'         | 2 | 61 00 00       |
      | 5    | 'a', 5               | 0 | 00 00 00 00 00 |
      | 4    | 'aGVsbG8=', 'base64' | 4 | 68 65 6c 6c    |

  Scenario Outline: write('a', <offset>) throws ERR_OUT_OF_RANGE
    Given b = Buffer.alloc(2)
    When I try b.write('a', <offset>)
    Then it throws ERR_OUT_OF_RANGE (RangeError)

    Examples:
      | offset |
      | 3      |
      | -1     |
      | 1.5    |

  Scenario: write with an unknown encoding throws ERR_UNKNOWN_ENCODING
    Given b = Buffer.alloc(2)
    When I try b.write('a', 'bogus')
    Then it throws ERR_UNKNOWN_ENCODING (TypeError)

  Scenario Outline: indexOf(<args>) in 'abcabc' is <n>
    Given b = Buffer.from('abcabc')
    Then b.indexOf(<args>) is <n>

    Examples:
      | args          | n  |
      | 'b'           | 1  |
      | 'a', -3       | 3  |
      | 'b', 'latin1' | 1  |
      | 'c', NaN      | 2  |
      | 354           | 1  |
      | -158          | 1  |
      | '6263', 'hex' | 1  |
      | ''            | 0  |
      | '', 10        | 6  |
      | 'z'           | -1 |
      | 'a', 6        | -1 |
      | 'abcabcd'     | -1 |

  Scenario Outline: lastIndexOf(<args>) in 'abcabc' is <n>
    Given b = Buffer.from('abcabc')
    Then b.lastIndexOf(<args>) is <n>

    Examples:
      | args     | n  |
      | 'b'      | 4  |
      | 'b', 3   | 1  |
      | 'b', -5  | 1  |
      | 'b', -10 | -1 |
      | 99       | 5  |

  Scenario: indexOf searching UTF-16 finds whole code units only
    Given b = Buffer.from('abc', 'ucs2')
    Then b.indexOf('c', 0, 'ucs2') is 4
    And b.indexOf('\u6200', 0, 'ucs2') is -1

  Scenario Outline: Buffer.from('<hay>', 'hex').indexOf(Buffer.from('<needle>', 'hex'), <offset>, 'ucs2') is <index>
    Given hay = Buffer.from('<hay>', 'hex')
    Then hay.indexOf(Buffer.from('<needle>', 'hex'), <offset>, 'ucs2') is <index>

    Examples: an odd-length Buffer searched as UTF-16 for a Buffer: up to Node 22 its odd last byte takes part
      | node  | hay            | needle         | offset    | index |
      | 20-22 | 62e2ac         | 61e2           | undefined | 2     |
      | 20-22 | 62e2ac         | ace2           | undefined | 2     |
      | 20-22 | 00ff0082828282 | 00ff0082828282 | -20       | 0     |
      | 20-22 | 82             |                | 1         | 1     |

    Examples: from Node 24 it is cut to whole code units first, as for a string
      | node | hay            | needle         | offset    | index |
      | >=24 | 62e2ac         | 61e2           | undefined | -1    |
      | >=24 | 62e2ac         | ace2           | undefined | -1    |
      | >=24 | 00ff0082828282 | 00ff0082828282 | -20       | -1    |
      | >=24 | 82             |                | 1         | 0     |

    Examples: on every line
      | hay      | needle | offset    | index |
      | 62006300 | 6300   | undefined | 2     |
      | 6200630a | 0a     | undefined | -1    |

    Examples: a negative offset counts from the end of the whole Buffer, its odd last byte included, on every line
      | hay        | needle | offset | index |
      | 6161616161 |        | -4     | 1     |
      | 6161616161 | 6161   | -3     | 2     |

  Scenario: Buffer.from('616161', 'hex').lastIndexOf(Buffer.from('6161', 'hex'), -3, 'ucs2') is 0: searching back, the offset counts from the end of the whole Buffer too
    Given hay = Buffer.from('616161', 'hex')
    Then hay.lastIndexOf(Buffer.from('6161', 'hex'), -3, 'ucs2') is 0

  Scenario: includes is indexOf !== -1
    Given b = Buffer.from('abc')
    Then b.includes('bc') is true
    And b.includes('cb') is false

  Scenario: indexOf with an object throws ERR_INVALID_ARG_TYPE
    Given b = Buffer.from('abc')
    When I try b.indexOf({})
    Then it throws ERR_INVALID_ARG_TYPE (TypeError)

  Scenario Outline: <method>(<offset>) of 01 02 03 04 05 06 07 08 is <value>
    Given b = Buffer.from([1, 2, 3, 4, 5, 6, 7, 8])
    Then b.<method>(<offset>) is <value>

    Examples:
      | method          | offset | value                 |
      | readUInt8       | 0      | 1                     |
      | readUint8       | 7      | 8                     |
      | readInt8        | 1      | 2                     |
      | readUInt16LE    | 0      | 513                   |
      | readUInt16BE    | 0      | 258                   |
      | readUInt32LE    | 0      | 67305985              |
      | readUInt32BE    | 4      | 84281096              |
      | readInt32BE     | 0      | 16909060              |
      | readBigUInt64LE | 0      | 578437695752307201n   |
      | readBigUInt64BE | 0      | 72623859790382856n    |
      | readBigInt64LE  | 0      | 578437695752307201n   |
      | readDoubleBE    | 0      | 8.20788039913184e-304 |
      | readFloatLE     | 0      | 1.539989614439558e-36 |

  Scenario Outline: <method> reads ff ff ff ff ff ff ff ff as <value>
    Given b = Buffer.alloc(8, 0xff)
    Then b.<method> is <value>

    Examples:
      | method             | value                 |
      | readInt8(0)        | -1                    |
      | readInt16LE(0)     | -1                    |
      | readInt32LE(0)     | -1                    |
      | readUInt32LE(0)    | 4294967295            |
      | readBigInt64BE(0)  | -1n                   |
      | readBigUInt64LE(0) | 18446744073709551615n |
      | readIntLE(0, 6)    | -1                    |
      | readUIntBE(0, 6)   | 281474976710655       |
      | readUIntLE(1, 3)   | 16777215              |

  Scenario Outline: <call> writes <bytes> and returns <next>
    Given b = Buffer.alloc(8)
    When I try b.<call>
    Then it is <next>
    And b is the bytes <bytes>

    Examples:
      | call                         | next | bytes                   |
      | writeUInt8(255, 0)           | 1    | ff 00 00 00 00 00 00 00 |
      | writeInt8(-2, 1)             | 2    | 00 fe 00 00 00 00 00 00 |
      | writeUInt16LE(0x1234, 0)     | 2    | 34 12 00 00 00 00 00 00 |
      | writeUInt16BE(0x1234, 0)     | 2    | 12 34 00 00 00 00 00 00 |
      | writeInt32LE(-2, 4)          | 8    | 00 00 00 00 fe ff ff ff |
      | writeUInt32BE(0xdeadbeef, 0) | 4    | de ad be ef 00 00 00 00 |
      | writeUIntLE(0x123456, 0, 3)  | 3    | 56 34 12 00 00 00 00 00 |
      | writeIntBE(-1, 2, 6)         | 8    | 00 00 ff ff ff ff ff ff |
      | writeBigUInt64LE(1n)         | 8    | 01 00 00 00 00 00 00 00 |
      | writeBigInt64BE(-2n, 0)      | 8    | ff ff ff ff ff ff ff fe |
      | writeDoubleLE(1.5)           | 8    | 00 00 00 00 00 00 f8 3f |
      | writeFloatBE(1.5, 4)         | 8    | 00 00 00 00 3f c0 00 00 |
      | writeFloatLE(1e300, 0)       | 4    | 00 00 80 7f 00 00 00 00 |
      | writeUInt16LE(1.9, 0)        | 2    | 01 00 00 00 00 00 00 00 |

  Scenario Outline: <call> throws <code>
    Given b = Buffer.alloc(4)
    When I try b.<call>
    Then it throws <code> (<class>)

    Examples:
      | call                     | code                     | class      |
      | writeUInt8(300, 0)       | ERR_OUT_OF_RANGE         | RangeError |
      | writeInt8(128, 0)        | ERR_OUT_OF_RANGE         | RangeError |
      | writeUInt32LE(-1, 0)     | ERR_OUT_OF_RANGE         | RangeError |
      | writeUInt16LE(1, 3)      | ERR_OUT_OF_RANGE         | RangeError |
      | readUInt32LE(1)          | ERR_OUT_OF_RANGE         | RangeError |
      | readUInt8(1.5)           | ERR_OUT_OF_RANGE         | RangeError |
      | readUInt8('0')           | ERR_INVALID_ARG_TYPE     | TypeError  |
      | readUIntLE(0, 7)         | ERR_OUT_OF_RANGE         | RangeError |
      | readBigInt64LE(0)        | ERR_BUFFER_OUT_OF_BOUNDS | RangeError |
      | writeBigInt64LE(1n, 0)   | ERR_BUFFER_OUT_OF_BOUNDS | RangeError |
      | writeBigUInt64LE(-1n, 0) | ERR_OUT_OF_RANGE         | RangeError |

  Scenario Outline: <method> reverses the byte order of each unit in place
    Given b = Buffer.from([1, 2, 3, 4, 5, 6, 7, 8])
    When I try b.<method>()
    Then b is the bytes <bytes>
    And it is b

    Examples:
      | method | bytes                   |
      | swap16 | 02 01 04 03 06 05 08 07 |
      | swap32 | 04 03 02 01 08 07 06 05 |
      | swap64 | 08 07 06 05 04 03 02 01 |

  Scenario Outline: <method> on a length that is not a multiple throws ERR_INVALID_BUFFER_SIZE
    Given b = Buffer.alloc(<size>)
    When I try b.<method>()
    Then it throws ERR_INVALID_BUFFER_SIZE (RangeError)

    Examples:
      | method | size |
      | swap16 | 3    |
      | swap32 | 6    |
      | swap64 | 12   |

  Scenario: toJSON gives {type: 'Buffer', data: [...]}
    Given b = Buffer.from([1, 2])
    Then b.toJSON() is {type: 'Buffer', data: [1, 2]}
    And Buffer.alloc(0).toJSON() is {type: 'Buffer', data: []}

  @claim:buffer-19
  Scenario: Iterating values() (what for...of uses) yields the bytes 1, 2, 3
    Given b = Buffer.from([1, 2, 3])
    Then iterating b.values() yields [1, 2, 3]

  @claim:buffer-19
  Scenario: keys() yields the indices and entries() the [index, byte] pairs
    Given b = Buffer.from([9, 8])
    Then iterating b.keys() yields [0, 1]
    And iterating b.entries() yields [[0, 9], [1, 8]]

  @claim:buffer-15
  Scenario: util.inspect shows Buffer.from('hello world') as <Buffer 68 65 6c 6c 6f 20 77 6f 72 6c 64>
    Given buf = Buffer.from('hello world', 'utf8')
    Then util.inspect(buf) is '<Buffer 68 65 6c 6c 6f 20 77 6f 72 6c 64>'

  @claim:buffer-15
  Scenario Outline: util.inspect shows <expr> as '<text>'
    When b = <expr>
    Then util.inspect(b) is '<text>'

    Examples:
      | expr                     | text              |
      | Buffer.alloc(0)          | <Buffer >         |
      | Buffer.from([1, 2, 255]) | <Buffer 01 02 ff> |
      | Buffer.from('M')         | <Buffer 4d>       |

  @claim:buffer-15
  Scenario Outline: util.inspect of <n> bytes ends with '<tail>'
    Given b = Buffer.alloc(<n>, 0xab)
    Then util.inspect(b).endsWith('<tail>') is true

    Examples:
      | n  | tail                        |
      | 50 | ab ab>                      |
      | 51 | ab ab ... 1 more byte>      |
      | 60 | ab ab ... 10 more bytes>    |

  Scenario Outline: buffer.<name> is <value>
    Then buffer.<name> is <value>

    Examples:
      | name                        | value      |
      | constants.MAX_STRING_LENGTH | 536870888  |
      | INSPECT_MAX_BYTES           | 50         |

    Examples: the largest Buffer: 4 GiB on Node 20, V8's largest typed array (2^53 - 1 bytes) from Node 22
      | node | name                 | value            |
      | 20   | constants.MAX_LENGTH | 4294967296       |
      | 20   | kMaxLength           | 4294967296       |
      | >=22 | constants.MAX_LENGTH | 9007199254740991 |
      | >=22 | kMaxLength           | 9007199254740991 |

  Scenario Outline: Buffer.alloc(<size>) throws ERR_OUT_OF_RANGE: sizes run from 0 to buffer.constants.MAX_LENGTH, <limit>
    When I try Buffer.alloc(<size>)
    Then it throws ERR_OUT_OF_RANGE (RangeError)
    And the error's message is '<message>'

    Examples:
      | node | size             | limit            | message                                                                                                  |
      | 20   | -1               | 4294967296       | The value of "size" is out of range. It must be >= 0 && <= 4294967296. Received -1                       |
      | 20   | 4294967297       | 4294967296       | The value of "size" is out of range. It must be >= 0 && <= 4294967296. Received 4_294_967_297            |
      | >=22 | -1               | 9007199254740991 | The value of "size" is out of range. It must be >= 0 && <= 9007199254740991. Received -1                 |
      | >=22 | 9007199254740992 | 9007199254740991 | The value of "size" is out of range. It must be >= 0 && <= 9007199254740991. Received 9_007_199_254_740_992 |

  Scenario Outline: typeof buffer.SlowBuffer is '<type>': the deprecated SlowBuffer <fate>
    Then typeof buffer.SlowBuffer is '<type>'

    Examples:
      | node  | type      | fate                          |
      | 20-24 | function  | is still there                |
      | >=26  | undefined | is gone (DEP0030, end of life) |

  Scenario Outline: buffer.<check>(Buffer.from('<hex>', 'hex')) is <answer>
    Then buffer.<check>(Buffer.from('<hex>', 'hex')) is <answer>

    Examples:
      | check   | hex      | answer |
      | isUtf8  | e282ac   | true   |
      | isUtf8  | eda080   | false  |
      | isUtf8  | c0af     | false  |
      | isUtf8  | e282     | false  |
      | isAscii | 616263   | true   |
      | isAscii | c3a9     | false  |

  Scenario Outline: <method>() without an offset reads at offset 0
    Given b = Buffer.from([1, 2, 3, 4, 5, 6, 7, 8])
    Then b.<method>() is <value>

    Examples:
      | method       | value    |
      | readUInt16LE | 513      |
      | readInt32BE  | 16909060 |
      | readUInt8    | 1        |
