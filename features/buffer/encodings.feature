@buffer
Feature: Encoding strings into Buffers
  Buffer.from(string, encoding) for every encoding Node.js 20 knows. JavaScript strings are UTF-16
  code units, so lone surrogates and astral characters are part of the specification. base64 is
  lenient, hex stops at the first invalid pair, latin1 and ascii keep each code unit's low byte.

  @claim:buffer-11
  Scenario: Without an encoding, Buffer.from(string) encodes UTF-8
    When I try Buffer.from('€')
    Then it is the bytes e2 82 ac

  Scenario Outline: A lone surrogate in <string> becomes U+FFFD (ef bf bd) in UTF-8
    When I try Buffer.from(<string>)
    Then it is the bytes <bytes>

    Examples:
      | string         | bytes             |
      | 'a\ud800b'     | 61 ef bf bd 62    |
      | 'a\udc00b'     | 61 ef bf bd 62    |
      | 'a\ud83d'      | 61 ef bf bd       |
      | '\ude00\ud83d' | ef bf bd ef bf bd |
      | '\ud83d\ude00' | f0 9f 98 80       |

  @claim:buffer-12
  Scenario Outline: Buffer.from(<string>, '<encoding>') keeps the low byte of each UTF-16 unit
    When I try Buffer.from(<string>, '<encoding>')
    Then it is the bytes <bytes>

    Examples:
      | string                     | encoding | bytes       |
      | '\u0100\u01ff\uffff\u00e9' | latin1   | 00 ff ff e9 |
      | '\u0100\u01ff\uffff\u00e9' | ascii    | 00 ff ff e9 |
      | 'é'                        | ascii    | e9          |
      | '😀'                        | latin1   | 3d 00       |
      | '\ud800'                   | binary   | 00          |

  @claim:buffer-13
  Scenario Outline: Buffer.from(<string>, 'utf16le') writes UTF-16 code units little-endian
    When I try Buffer.from(<string>, 'utf16le')
    Then it is the bytes <bytes>

    Examples:
      | string   | bytes       |
      | 'ab'     | 61 00 62 00 |
      | '😀'      | 3d d8 00 de |
      | '\ud800' | 00 d8       |
      | '€'      | ac 20       |

  Scenario Outline: base64 is lenient: '<text>' decodes to <bytes>
    When I try Buffer.from('<text>', 'base64')
    Then it is the bytes <bytes>

    Examples: padding, whitespace and junk
      | text       | bytes             |
      | aGVsbG8=   | 68 65 6c 6c 6f    |
      | aGVsbG8    | 68 65 6c 6c 6f    |
      | aGVsbG8==  | 68 65 6c 6c 6f    |
      | aGVs bG8=  | 68 65 6c 6c 6f    |
      | aGVs*bG8=  | 68 65 6c 6c 6f    |
      | aGVs.bG8   | 68 65 6c 6c 6f    |
      | TWFu!!TWFu | 4d 61 6e 4d 61 6e |
      | aGkéaGk    | 68 69 1a 1a       |

    Examples: decoding stops at the first '='
      | text         | bytes          |
      | aGV=sbG8=    | 68 65          |
      | aGVsbG8=aGk= | 68 65 6c 6c 6f |
      | Zg==Zg==     | 66             |
      | abc=d        | 69 b7          |
      | =aGk         | (none)         |
      | ====         | (none)         |

    Examples: short input and leftover bits
      | text | bytes  |
      | a    | (none) |
      | aG   | 68     |
      | YQ   | 61     |
      | YR   | 61     |
      | YR== | 61     |

    Examples: both alphabets
      | text | bytes    |
      | -_8  | fb ff    |
      | +/8  | fb ff    |
      | -_-_ | fb ff bf |
      | ____ | ff ff ff |

  Scenario: base64 decoding also skips a newline and a tab
    When I try Buffer.from('aGVs\nbG8=\t', 'base64')
    Then it is the bytes 68 65 6c 6c 6f

  Scenario: base64 reads the low byte of a character above U+00FF ('šŇū' decodes as 'aGk')
    When I try Buffer.from('\u0161\u0147\u016b', 'base64')
    Then it is the bytes 68 69

  Scenario Outline: base64url also decodes '<text>'
    When I try Buffer.from('<text>', 'base64url')
    Then it is the bytes <bytes>

    Examples:
      | text | bytes    |
      | -_-_ | fb ff bf |
      | +/+/ | fb ff bf |
      | aGk= | 68 69    |

  Scenario Outline: toString('<encoding>') of fb ff bf 01 is '<text>'
    Given b = Buffer.from([0xfb, 0xff, 0xbf, 0x01])
    Then b.toString('<encoding>') is '<text>'

    Examples:
      | encoding  | text     |
      | base64    | +/+/AQ== |
      | base64url | -_-_AQ   |

  Scenario Outline: hex decoding of '<text>' stops at the first invalid pair: <bytes>
    When I try Buffer.from('<text>', 'hex')
    Then it is the bytes <bytes>

    Examples:
      | text   | bytes    |
      | 0102ff | 01 02 ff |
      | 0102F  | 01 02    |
      | 12345  | 12 34    |
      | f      | (none)   |
      | 01 02  | 01       |
      | 0g02   | (none)   |
      | 0x01   | (none)   |
      | 01zz02 | 01       |
      | 12é34  | 12       |
      | ABcd   | ab cd    |

  Scenario: hex reads the low byte of a character above U+00FF
    When I try Buffer.from('\u0131\u0132', 'hex')
    Then it is the bytes 12
