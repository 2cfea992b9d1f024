@crypto
Feature: Cipher and Decipher stream: update returns whole blocks, final the rest
  update(data, inputEncoding, outputEncoding) returns what is ready: a block cipher in ECB or CBC
  keeps a partial block until more data or final() arrives, and a decipher with padding also keeps its
  last whole block (it may be the padding). Stream modes (CTR, CFB, OFB, GCM) return everything at
  once. The result never depends on how the input is split; output strings go through one
  StringDecoder per object.

  Scenario Outline: <alg> encrypts 'The quick brown fox jumps over the lazy dog' to <ciphertext>
    Given cipher = crypto.createCipheriv('<alg>', '<key>', <iv>)
    When I try cipher.update('The quick brown fox jumps over the lazy dog', 'utf8', 'hex')
    And I try cipher.final('hex')
    Then the outputs of cipher joined are '<ciphertext>'

    Examples:
      | alg          | key                              | iv                 | ciphertext |
      | aes-128-ecb  | 0123456789abcdef                 | ''                 | 08eaec72a2775e8a412e92731f4a4a2e4d8b9161a0f6411f4f7d0970100abbb0fba1ae2433a9674ca3f58a8f2efdfba9 |
      | aes-128-cbc  | 0123456789abcdef                 | 'fedcba9876543210' | edba03fe193e35946bf5215234d3f84759e7bf360a4b89e541f541c6e84fbb9c24d652004bf731d822d7530bd3844457 |
      | aes-128-ctr  | 0123456789abcdef                 | 'fedcba9876543210' | 5f23b3518705166ad318a1a4a56b041d240a9419c5d2e0ff95d83ec0d7fb5755ecdfd222814b065e2b3ef4 |
      | aes-128-cfb  | 0123456789abcdef                 | 'fedcba9876543210' | 5f23b3518705166ad318a1a4a56b041d2aaa9447f74780316398a5500d19f155a2edd0b19d201d1fcd85f6 |
      | aes-128-cfb8 | 0123456789abcdef                 | 'fedcba9876543210' | 5ff727ef89dcde0208bc675441473c52b9ca6e55e900fdb9bdf9d5f3faa0b58b9698e47eab470e38fbc10b |
      | aes-128-ofb  | 0123456789abcdef                 | 'fedcba9876543210' | 5f23b3518705166ad318a1a4a56b041d2eeb5863150f4994d1b9dd107bdade97732e079da77daf5625776b |
      | aes-192-cbc  | 0123456789abcdef01234567         | 'fedcba9876543210' | 662bd972e985da8d4bf531a741278f1893a0be50d408a8ce98a0690babb1036ef3ca0d675458bdb956f3770fc7ff6899 |
      | aes-256-cbc  | 0123456789abcdef0123456789abcdef | 'fedcba9876543210' | 2028de88b57ff823637c43afd28afddbc2a1f868fe634fa4e666bc05d9d86f5f154f03e01784b6925d88a7bc60944c1f |
      | des-ede3-cbc | 0123456789abcdef01234567         | '12345678'         | 338ea8a37e15b4c5741546afd4edbc4b9d7391d52e73d881d3a1f7fdd4725fd181aedfac990be08ff54b7c8cf998a13d |
      | des-ede-cbc  | 0123456789abcdef                 | '12345678'         | 338ea8a37e15b4c5741546afd4edbc4b9d7391d52e73d881d3a1f7fdd4725fd181aedfac990be08ff54b7c8cf998a13d |

  @claim:crypto-08
  Scenario: an aes-128-cbc update returns only whole blocks and keeps the rest for the next call
    Given cipher = crypto.createCipheriv('aes-128-cbc', '0123456789abcdef', 'fedcba9876543210')
    When I try cipher.update('hello', 'utf8', 'hex')
    And I try cipher.update(' world, hello', 'utf8', 'hex')
    And I try cipher.final('hex')
    Then the outputs of cipher are ['', 'e8ecbef871a408c0c1f05fb02c7b8135', '9a2e45a48259b5f4002779a448165c4f']

  @legacy-provider @claim:crypto-08
  Scenario: the document's text fed in two pieces gives the same DES-ECB blocks: nothing, the first, then the padded last
    Given cipher = crypto.createCipheriv('des-ecb', '12345678', '')
    When I try cipher.update('hello', 'utf8', 'hex')
    And I try cipher.update(' world !!!', 'utf8', 'hex')
    And I try cipher.final('hex')
    Then the outputs of cipher are ['', '28dba02eb5f6dd47', '8852f80ed9fa959e']

  Scenario: a CTR update returns every byte at once and final returns nothing
    Given cipher = crypto.createCipheriv('aes-128-ctr', '0123456789abcdef', 'fedcba9876543210')
    When I try cipher.update('hello', 'utf8', 'hex')
    And I try cipher.update(' world', 'utf8', 'hex')
    And I try cipher.final('hex')
    Then the outputs of cipher are ['632eba1d99', '500866ca54a7', '']

  Scenario: a decipher with padding holds back its last whole block until final
    Given decipher = crypto.createDecipheriv('aes-128-cbc', '0123456789abcdef', 'fedcba9876543210')
    When I try decipher.update(hex e8ecbef871a408c0c1f05fb02c7b8135)
    And I try decipher.update(hex 9a2e45a48259b5f4002779a448165c4f)
    And I try decipher.final()
    Then the outputs of decipher are [hex, hex 68656c6c6f20776f726c642c2068656c, hex 6c6f]

  Scenario: a decipher without padding returns every whole block at once
    Given decipher = crypto.createDecipheriv('aes-128-cbc', '0123456789abcdef', 'fedcba9876543210')
    When I try decipher.setAutoPadding(false)
    And I try decipher.update(hex e8ecbef871a408c0c1f05fb02c7b8135)
    And I try decipher.update(hex 9a2e45a48259b5f4002779a448165c4f)
    And I try decipher.final()
    Then the outputs of decipher are [hex 68656c6c6f20776f726c642c2068656c, hex 6c6f0e0e0e0e0e0e0e0e0e0e0e0e0e0e, hex]

  Scenario Outline: the aes-128-cbc ciphertext does not depend on the input arriving in pieces of <n> bytes
    Given cipher = crypto.createCipheriv('aes-128-cbc', '0123456789abcdef', 'fedcba9876543210')
    When I try cipher.update(hex 54686520717569636b2062726f776e20666f78206a756d7073206f76657220746865206c617a7920646f67, undefined, 'hex') in pieces of <n> bytes
    And I try cipher.final('hex')
    Then the outputs of cipher joined are 'edba03fe193e35946bf5215234d3f84759e7bf360a4b89e541f541c6e84fbb9c24d652004bf731d822d7530bd3844457'

    Examples:
      | n  |
      | 1  |
      | 3  |
      | 15 |
      | 16 |
      | 17 |

  Scenario Outline: the decipher's plaintext does not depend on the ciphertext arriving in pieces of <n> hex characters
    Given decipher = crypto.createDecipheriv('aes-128-cbc', '0123456789abcdef', 'fedcba9876543210')
    When I try decipher.update('edba03fe193e35946bf5215234d3f84759e7bf360a4b89e541f541c6e84fbb9c24d652004bf731d822d7530bd3844457', 'hex', 'utf8') in pieces of <n> characters
    And I try decipher.final('utf8')
    Then the outputs of decipher joined are 'The quick brown fox jumps over the lazy dog'

    Examples:
      | n  |
      | 2  |
      | 32 |
      | 34 |

  @claim:crypto-09
  Scenario: PKCS#7 padding adds a whole block when the input fills its blocks exactly
    Given cipher = crypto.createCipheriv('aes-128-ecb', '0123456789abcdef', '')
    When I try cipher.update('0123456789abcdef', 'utf8', 'hex')
    And I try cipher.final('hex')
    Then the outputs of cipher are ['72727e881edcfd0100a718687909b565', '377222e061a924c591cd9c27ea163ed4']

  @claim:crypto-09
  Scenario: an empty input still gives one block of padding
    Given cipher = crypto.createCipheriv('aes-128-ecb', '0123456789abcdef', '')
    When I try cipher.final('hex')
    Then it is '377222e061a924c591cd9c27ea163ed4'

  Scenario: without auto padding an empty input gives an empty ciphertext
    Given cipher = crypto.createCipheriv('aes-128-ecb', '0123456789abcdef', '')
    When I try cipher.setAutoPadding(false)
    And I try cipher.final('hex')
    Then it is ''

  Scenario: setAutoPadding returns the cipher itself
    Given cipher = crypto.createCipheriv('aes-128-ecb', '0123456789abcdef', '')
    When I try cipher.setAutoPadding(false)
    Then it is cipher

  Scenario: a decipher without auto padding returns the PKCS#7 padding bytes as data
    Given decipher = crypto.createDecipheriv('aes-128-ecb', '0123456789abcdef', '')
    When I try decipher.setAutoPadding(false)
    And I try decipher.update('1d25821c3e311eea2d4dd8633a25c1b5', 'hex', 'hex')
    And I try decipher.final('hex')
    Then the outputs of decipher joined are '6162630d0d0d0d0d0d0d0d0d0d0d0d0d'

  @claim:crypto-06
  Scenario Outline: update reads a string input in '<encoding>'
    Given cipher = crypto.createCipheriv('aes-128-ecb', '0123456789abcdef', '')
    When I try cipher.update(<input>, '<encoding>', 'hex')
    And I try cipher.final('hex')
    Then the outputs of cipher joined are '<ciphertext>'

    Examples:
      | encoding  | input            | ciphertext                       |
      | utf8      | 'h\u00e9\u20ac'  | df95461e898fec3a58a7cba51c43c26a |
      | ascii     | 'h\u00e9\u20ac'  | efbce1278dbac750ed2538ad145e2fd5 |
      | latin1    | 'h\u00e9\u20ac'  | efbce1278dbac750ed2538ad145e2fd5 |
      | binary    | 'h\u00e9\u20ac'  | efbce1278dbac750ed2538ad145e2fd5 |
      | ucs2      | 'h\u00e9\u20ac'  | 6ccf4ceebe9ace8c2a4f48aa5be48dc9 |
      | utf16le   | 'h\u00e9\u20ac'  | 6ccf4ceebe9ace8c2a4f48aa5be48dc9 |
      | hex       | '68c3a9'         | a26594d96e1f3b9fff278a6093988cc4 |
      | base64    | 'aMOp'           | a26594d96e1f3b9fff278a6093988cc4 |
      | base64url | 'aMOp'           | a26594d96e1f3b9fff278a6093988cc4 |

  Scenario: an input encoding Node does not know is read as UTF-8
    Given cipher = crypto.createCipheriv('aes-128-ecb', '0123456789abcdef', '')
    When I try cipher.update('h\u00e9', 'bogus', 'hex')
    And I try cipher.final('hex')
    Then the outputs of cipher joined are 'a26594d96e1f3b9fff278a6093988cc4'

  @claim:crypto-08
  Scenario: a base64 output holds back the last len % 3 bytes until final
    Given cipher = crypto.createCipheriv('aes-128-ecb', '0123456789abcdef', '')
    When I try cipher.update('aaaaaaaaaaaaaaaa', 'utf8', 'base64')
    And I try cipher.final('base64')
    Then the outputs of cipher are ['m237TH1/L0/WhvTw51Od', 'HzdyIuBhqSTFkc2cJ+oWPtQ=']

  @legacy-provider @claim:crypto-08
  Scenario: the document's DES ciphertext in base64 arrives as 'KNugLrX2' and '3UeIUvgO2fqVng=='
    Given cipher = crypto.createCipheriv('des-ecb', '12345678', '')
    When I try cipher.update('hello world !!!', 'utf8', 'base64')
    And I try cipher.final('base64')
    Then the outputs of cipher are ['KNugLrX2', '3UeIUvgO2fqVng==']

  Scenario: a base64url output is unpadded and held back the same way
    Given cipher = crypto.createCipheriv('aes-128-ecb', '0123456789abcdef', '')
    When I try cipher.update('aaaaaaaaaaaaaaaa', 'utf8', 'base64url')
    And I try cipher.final('base64url')
    Then the outputs of cipher are ['m237TH1_L0_WhvTw51Od', 'HzdyIuBhqSTFkc2cJ-oWPtQ']

  @claim:crypto-08
  Scenario: a latin1 output maps each byte to one character
    Given cipher = crypto.createCipheriv('aes-128-ecb', '0123456789abcdef', '')
    When I try cipher.update('abc', 'utf8', 'latin1')
    And I try cipher.final('latin1')
    Then the outputs of cipher joined are '\u001d%\u0082\u001c>1\u001e\u00ea-M\u00d8c:%\u00c1\u00b5'

  @claim:crypto-08
  Scenario: without an output encoding update returns a Buffer
    Given cipher = crypto.createCipheriv('aes-128-ecb', '0123456789abcdef', '')
    When I try cipher.update('aaaaaaaaaaaaaaaa')
    Then it is hex 9b6dfb4c7d7f2f4fd686f4f0e7539d1f

  Scenario: a UTF-16 output turns each whole block into 8 code units
    Given cipher = crypto.createCipheriv('aes-128-ecb', '0123456789abcdef', '')
    When I try cipher.update('aaaaaaaaaaaaaaaa', 'utf8', 'ucs2')
    And I try cipher.final('ucs2')
    Then the outputs of cipher are ['\u6d9b\u4cfb\u7f7d\u4f2f\u86d6\uf0f4\u53e7\u1f9d', '\u7237\ue022\ua961\uc524\ucd91\u279c\u16ea\ud43e']

  Scenario Outline: <what> is a Buffer over an ArrayBuffer of its own, not a slice of the pool
    Given b = <expr>
    Then b.byteOffset is 0
    And b.buffer.byteLength is <n>
    And b.length is <n>

    Examples:
      | what                 | expr                                                                                     | n  |
      | a digest             | crypto.createHash('md5').update('abc').digest()                                          | 16 |
      | an HMAC              | crypto.createHmac('md5', 'k').update('abc').digest()                                     | 16 |
      | a cipher's update    | crypto.createCipheriv('aes-128-ecb', '0123456789abcdef', '').update('aaaaaaaaaaaaaaaaa') | 16 |
      | crypto.hash's Buffer | crypto.hash('md5', 'abc', 'buffer')                                                      | 16 |
      | randomBytes(8)       | crypto.randomBytes(8)                                                                    | 8  |

  Scenario: the output encoding 'buffer' returns a Buffer too
    Given cipher = crypto.createCipheriv('aes-128-ecb', '0123456789abcdef', '')
    When I try cipher.update('aaaaaaaaaaaaaaaa', 'utf8', 'buffer')
    Then it is hex 9b6dfb4c7d7f2f4fd686f4f0e7539d1f

  Scenario: after a hex update, final without an encoding returns a Buffer
    Given cipher = crypto.createCipheriv('aes-128-ecb', '0123456789abcdef', '')
    When I try cipher.update('aaaaaaaaaaaaaaaa', 'utf8', 'hex')
    And I try cipher.final()
    Then it is hex 377222e061a924c591cd9c27ea163ed4

  Scenario: encodings are compared once normalized, so 'hex' then 'HEX' is allowed
    Given cipher = crypto.createCipheriv('aes-128-ecb', '0123456789abcdef', '')
    When I try cipher.update('a', 'utf8', 'hex')
    And I try cipher.final('HEX')
    Then it is '0950013d77ed2905ce50637eca5442ee'

  @claim:crypto-08
  Scenario Outline: switching from a hex to a base64 output on one cipher <what>
    Given cipher = crypto.createCipheriv('aes-128-ecb', '0123456789abcdef', '')
    When I try cipher.update('aaaaaaaaaaaaaaaa', 'utf8', 'hex')
    And I try cipher.final('base64')
    Then it throws <code> (<class>)

    Examples:
      | node  | what                                    | code                   | class     |
      | 20-22 | is an internal assertion                | ERR_INTERNAL_ASSERTION | Error     |
      | >=24  | throws ERR_INVALID_ARG_VALUE from Node 24 | ERR_INVALID_ARG_VALUE  | TypeError |

  @node:>=24
  Scenario: from Node 24 the error says which encoding the cipher keeps
    Given cipher = crypto.createCipheriv('aes-128-ecb', '0123456789abcdef', '')
    When I try cipher.update('aaaaaaaaaaaaaaaa', 'utf8', 'hex')
    And I try cipher.final('latin1')
    Then it throws ERR_INVALID_ARG_VALUE (TypeError)
    And the error's message is "The argument 'outputEncoding' cannot be changed from 'hex'. Received 'latin1'"

  Scenario: an output encoding Node does not know throws ERR_UNKNOWN_ENCODING
    Given cipher = crypto.createCipheriv('aes-128-ecb', '0123456789abcdef', '')
    When I try cipher.final('bogus')
    Then it throws ERR_UNKNOWN_ENCODING (TypeError)
    And the error's message is 'Unknown encoding: bogus'

  Scenario: a UTF-8 output keeps a character split across blocks until the rest arrives
    Given decipher = crypto.createDecipheriv('aes-128-ecb', '0123456789abcdef', '')
    When I try decipher.setAutoPadding(false)
    And I try decipher.update('951ac9f383d0889b24a9231b1318e18b', 'hex', 'utf8')
    And I try decipher.update('0045edbeb383c3ece07bf91e548a4868', 'hex', 'utf8')
    And I try decipher.final('utf8')
    Then the outputs of decipher are ['aaaaaaaaaaaaaaa', '\u20acb\r\r\r\r\r\r\r\r\r\r\r\r\r', '']

  Scenario Outline: a UTF-8 output holds back the bytes <bytes> at the end, judged by the lead byte, until final
    Given decipher = crypto.createDecipheriv('aes-128-ctr', '0123456789abcdef', 'fedcba9876543210')
    When I try decipher.update('<ciphertext>', 'hex', 'utf8')
    And I try decipher.final('utf8')
    Then the outputs of decipher are ['a', '<held>']

    Examples:
      | bytes    | ciphertext | held           |
      | c1       | 6a8a       | \ufffd         |
      | e0 80    | 6aab56     | \ufffd\ufffd   |
      | f0 9f 98 | 6abb49e9   | \ufffd         |
