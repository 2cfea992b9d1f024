@buffer
Feature: Decoding Buffers to strings
  buf.toString(encoding, start, end) clamps start and end the way lib/buffer.js does, and a
  multi-byte UTF-8 character cut by start or end (or any invalid sequence) decodes to U+FFFD, one
  per maximal invalid subpart, exactly as the WHATWG decoder does.

  Background:
    Given digits = Buffer.from('0123456789')

  @claim:buffer-16
  Scenario Outline: toString('utf8', <start>, <end>) of '0123456789' is '<text>'
    Then digits.toString('utf8', <start>, <end>) is '<text>'

    Examples:
      | start      | end        | text       |
      | -5         | undefined  | 0123456789 |
      | -5         | 3          | 012        |
      | 3          | -1         |            |
      | 20         | undefined  |            |
      | 2          | 100        | 23456789   |
      | 1.7        | 4.9        | 123        |
      | '2'        | '5'        | 234        |
      | NaN        | 5          | 01234      |
      | 2          | NaN        |            |
      | undefined  | 5          | 01234      |
      | true       | 5          | 1234       |
      | 'x'        | 'y'        |            |
      | Infinity   | undefined  |            |
      | -Infinity  | Infinity   | 0123456789 |
      | 4294967297 | 4294967299 |            |
      | 1          | 4294967299 | 123456789  |
      | [2]        | [4]        | 23         |
      | 9.5        | undefined  | 9          |
      | -0.5       | 2          | 01         |
      | 5          | 5          |            |

  Scenario: toString() without arguments decodes UTF-8
    Then digits.toString() is '0123456789'

  Scenario: toString(undefined, 2, 4) decodes UTF-8 between 2 and 4
    Then digits.toString(undefined, 2, 4) is '23'

  @claim:buffer-16
  Scenario: toString('UTF-8') accepts the encoding name in capitals
    Then digits.toString('UTF-8') is '0123456789'

  Scenario Outline: toString(<encoding>) throws ERR_UNKNOWN_ENCODING for <encoding>
    When I try digits.toString(<encoding>)
    Then it throws ERR_UNKNOWN_ENCODING (TypeError)

    Examples:
      | encoding |
      | 'uft8'   |
      | ''       |
      | 0        |
      | 'utf16'  |

  @claim:buffer-17
  Scenario: Buffer.from('Node.js 技术栈', 'UTF-8') is 17 bytes
    When I try Buffer.from('Node.js 技术栈', 'UTF-8')
    Then it is the bytes 4e 6f 64 65 2e 6a 73 20 e6 8a 80 e6 9c af e6 a0 88

  @claim:buffer-17 @claim:buffer-18
  Scenario Outline: toString('UTF-8', <start>, <end>) of 'Node.js 技术栈' cuts characters into U+FFFD
    Given s = Buffer.from('Node.js 技术栈', 'UTF-8')
    Then s.toString('UTF-8', <start>, <end>) is <text>

    Examples:
      | start | end | text             |
      | 0     | 9   | 'Node.js \ufffd' |
      | 0     | 10  | 'Node.js \ufffd' |
      | 0     | 11  | 'Node.js 技'      |
      | 8     | 9   | '\ufffd'         |
      | 9     | 11  | '\ufffd\ufffd'   |
      | 9     | 14  | '\ufffd\ufffd术'  |
      | 10    | 17  | '\ufffd术栈'       |
      | 0     | 17  | 'Node.js 技术栈'    |

  @claim:buffer-18 @erratum
  Scenario: 技 is the three bytes e6 8a 80, not 8a 80 e6
    When I try Buffer.from('技')
    Then it is the bytes e6 8a 80

  Scenario Outline: The UTF-8 bytes <bytes> decode to <text>
    Given b = Buffer.from('<bytes>', 'hex')
    Then b.toString('utf8') is <text>

    Examples: truncated, invalid, surrogate and overlong sequences
      | bytes        | text                             |
      | eda080       | '\ufffd\ufffd\ufffd'             |
      | c0af         | '\ufffd\ufffd'                   |
      | e080af       | '\ufffd\ufffd\ufffd'             |
      | f0808080af   | '\ufffd\ufffd\ufffd\ufffd\ufffd' |
      | f4908080     | '\ufffd\ufffd\ufffd\ufffd'       |
      | f48fbfbf     | '\udbff\udfff'                   |
      | f09f98       | '\ufffd'                         |
      | e282         | '\ufffd'                         |
      | e28241       | '\ufffdA'                        |
      | 61f09f986162 | 'a\ufffdab'                      |
      | f0908c28     | '\ufffd('                        |
      | e228a1       | '\ufffd(\ufffd'                  |
      | ff           | '\ufffd'                         |
      | 80           | '\ufffd'                         |
      | efbbbf41     | '\ufeffA'                        |
      | f09f9880     | '😀'                              |

  @claim:buffer-12
  Scenario Outline: toString('<encoding>') of 80 ff e9 41 is <text>
    Given b = Buffer.from([0x80, 0xff, 0xe9, 0x41])
    Then b.toString('<encoding>') is <text>

    Examples:
      | encoding  | text                  |
      | ascii     | '\u0000\u007fiA'      |
      | latin1    | '\u0080\u00ff\u00e9A' |
      | binary    | '\u0080\u00ff\u00e9A' |
      | hex       | '80ffe941'            |
      | base64    | 'gP/pQQ=='            |
      | base64url | 'gP_pQQ'              |
      | utf16le   | '\uff80\u41e9'        |

  @claim:buffer-13
  Scenario Outline: toString('utf16le') of <bytes> is <text>
    Given b = Buffer.from('<bytes>', 'hex')
    Then b.toString('utf16le') is <text>

    Examples:
      | bytes    | text      |
      | 610062   | 'a'       |
      | 3dd800de | '😀'       |
      | 00d84100 | '\ud800A' |
      | 00dc     | '\udc00'  |

  Scenario: toString('ucs2', 1) starts at an odd byte and drops the odd last byte
    Given b = Buffer.from('abc', 'ucs2')
    Then b.toString('ucs2', 1) is '\u6200\u6300'

  @claim:buffer-14
  Scenario: Buffer.from('hello world', 'utf8') is 68656c6c6f20776f726c64 in hex and aGVsbG8gd29ybGQ= in base64
    Given buf = Buffer.from('hello world', 'utf8')
    Then buf.toString('hex') is '68656c6c6f20776f726c64'
    And buf.toString('base64') is 'aGVsbG8gd29ybGQ='

  Scenario Outline: Buffer.isEncoding(<name>) is <answer>
    Then Buffer.isEncoding(<name>) is <answer>

    Examples:
      | name        | answer |
      | 'utf8'      | true   |
      | 'UTF-8'     | true   |
      | 'ucs-2'     | true   |
      | 'utf-16le'  | true   |
      | 'Binary'    | true   |
      | 'base64url' | true   |
      | 'HEX'       | true   |
      | 'uft8'      | false  |
      | 'utf16'     | false  |
      | 'latin-1'   | false  |
      | ''          | false  |
      | ' utf8'     | false  |
      | 5           | false  |
      | undefined   | false  |

  Scenario Outline: Buffer.byteLength(<string>, '<encoding>') is <n>
    Then Buffer.byteLength(<string>, '<encoding>') is <n>

    Examples:
      | string      | encoding | n  |
      | 'héllo€😀'   | utf8     | 13 |
      | 'a\ud800b'  | utf8     | 5  |
      | '😀'         | latin1   | 2  |
      | '😀'         | ucs2     | 4  |
      | '😀'         | hex      | 1  |
      | 'abc'       | hex      | 1  |
      | 'aGVs bG8=' | base64   | 6  |
      | 'aGk==='    | base64   | 3  |
      | '===='      | base64   | 1  |
      | 'héllo'     | bogus    | 6  |
      | 'héllo'     | ascii    | 5  |

  Scenario: Buffer.byteLength of a Buffer is its length
    Given b = Buffer.alloc(7)
    Then Buffer.byteLength(b) is 7

  Scenario: Buffer.byteLength(5) throws ERR_INVALID_ARG_TYPE
    When I try Buffer.byteLength(5)
    Then it throws ERR_INVALID_ARG_TYPE (TypeError)

  Scenario: toLocaleString() is toString(): it decodes UTF-8
    Given b = Buffer.from([0xe2, 0x82])
    Then b.toLocaleString() is '\ufffd'
