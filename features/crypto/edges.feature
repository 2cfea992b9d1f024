@crypto
Feature: Cipher and hash edges: option bounds, state errors, streamed string output
  What a polyfill gets wrong at the edges: an XOF's outputLength of 0, a hash copy's length (its own
  options', not the original's), update
  with something that is not data, GCM tag lengths and the state errors of setAuthTag, setAutoPadding
  called without an argument (JavaScript's !!undefined: padding off), and the string pieces a
  base64 or UTF-8 output gives when the data arrives in chunks.

  Scenario: shake128 with outputLength 0 digests to the empty string
    Then crypto.createHash('shake128', {outputLength: 0}).digest('hex') is ''

  Scenario: shake128 takes outputLength 4294967295, the largest uint32 (one more is ERR_OUT_OF_RANGE)
    When I try crypto.createHash('shake128', {outputLength: 4294967295})
    Then typeof it is 'object'
    When I try crypto.createHash('shake128', {outputLength: 4294967296})
    Then it throws ERR_OUT_OF_RANGE (RangeError)

  Scenario: a shake128 hash's copy has its own outputLength: the default unless the copy is given one
    Given h = crypto.createHash('shake128', {outputLength: 4})
    When h.update('abc')
    Then h.copy().digest('hex') is '5881092dd818bf5cf8a3ddb793fbcba7'
    And h.copy({}).digest('hex') is '5881092dd818bf5cf8a3ddb793fbcba7'
    And h.copy({outputLength: 2}).digest('hex') is '5881'
    And h.digest('hex') is '5881092d'

  Scenario Outline: hash.update(<value>) throws ERR_INVALID_ARG_TYPE (TypeError)
    Given h = crypto.createHash('sha256')
    When I try h.update(<value>)
    Then it throws ERR_INVALID_ARG_TYPE (TypeError)
    And the error's message is 'The "data" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received <received>'

    Examples:
      | value     | received              |
      | null      | null                  |
      | undefined | undefined             |
      | 5         | type number (5)       |

  Scenario: setAAD takes a string with its encoding: '6162' in hex is the same AAD as 'ab'
    Given key = Buffer.alloc(16, 1)
    And iv = Buffer.alloc(12)
    And c1 = crypto.createCipheriv('aes-128-gcm', key, iv)
    And c2 = crypto.createCipheriv('aes-128-gcm', key, iv)
    When c1.setAAD('6162', {encoding: 'hex'})
    And c1.update('x')
    And c1.final()
    And c2.setAAD('ab')
    And c2.update('x')
    And c2.final()
    Then c1.getAuthTag().toString('hex') is 'd46cb7f79bc8424d9dd73368479a493a'
    And c2.getAuthTag().toString('hex') is 'd46cb7f79bc8424d9dd73368479a493a'

  Scenario: a GCM cipher with authTagLength 13 gives a 13-byte tag
    Given c = crypto.createCipheriv('aes-128-gcm', Buffer.alloc(16, 1), Buffer.alloc(12), {authTagLength: 13})
    When c.update('x')
    And c.final()
    Then c.getAuthTag().length is 13

  Scenario: a GCM cipher with authTagLength 15 gives its 15-byte tag
    Given c = crypto.createCipheriv('aes-128-gcm', '0123456789abcdef', '012345678901', {authTagLength: 15})
    When c.update('x')
    And c.final()
    Then c.getAuthTag() is hex 666fc15723400c4612cd8451718a57

  Scenario: a GCM cipher with authTagLength 14 gives its 14-byte tag
    Given c = crypto.createCipheriv('aes-128-gcm', '0123456789abcdef', '012345678901', {authTagLength: 14})
    When c.update('x')
    And c.final()
    Then c.getAuthTag() is hex 666fc15723400c4612cd8451718a

  Scenario: authTagLength 4294967295, the uint32 of -1, means no length: a GCM cipher gives its default 16-byte tag
    Given c = crypto.createCipheriv('aes-128-gcm', '0123456789abcdef', '012345678901', {authTagLength: 4294967295})
    When c.update('x')
    And c.final()
    Then c.getAuthTag() is hex 666fc15723400c4612cd8451718a57f4

  Scenario Outline: authTagLength <n> is not a uint32: ERR_INVALID_ARG_VALUE (TypeError)
    When I try crypto.createCipheriv('aes-128-gcm', Buffer.alloc(16, 1), Buffer.alloc(12), {authTagLength: <n>})
    Then it throws ERR_INVALID_ARG_VALUE (TypeError)
    And the error's message is "The property 'options.authTagLength' is invalid. Received <n>"

    Examples:
      | n          |
      | 4294967296 |
      | -1         |
      | true       |
      | 1.5        |
      | '16'       |
      | NaN        |

  Scenario: setAuthTag twice is ERR_CRYPTO_INVALID_STATE
    Given d = crypto.createDecipheriv('aes-128-gcm', Buffer.alloc(16, 1), Buffer.alloc(12))
    When d.setAuthTag(Buffer.alloc(16))
    And I try d.setAuthTag(Buffer.alloc(16))
    Then it throws ERR_CRYPTO_INVALID_STATE (Error)
    And the error's message is 'Invalid state for operation setAuthTag'

  Scenario: setAuthTag on a decipher of a mode without tags is ERR_CRYPTO_INVALID_STATE
    Given d = crypto.createDecipheriv('aes-128-cbc', Buffer.alloc(16, 1), Buffer.alloc(16))
    When I try d.setAuthTag(Buffer.alloc(16))
    Then it throws ERR_CRYPTO_INVALID_STATE (Error)

  Scenario: a GCM decipher finished without a tag fails to authenticate
    Given d = crypto.createDecipheriv('aes-128-gcm', Buffer.alloc(16, 1), Buffer.alloc(12))
    When d.update('00', 'hex')
    And I try d.final()
    Then it throws an Error without a code, with the message 'Unsupported state or unable to authenticate data'

  Scenario: setAutoPadding() without an argument turns padding off, as setAutoPadding(undefined) does
    Given c = crypto.createCipheriv('aes-128-ecb', Buffer.alloc(16, 1), null)
    When c.setAutoPadding(false)
    And c.setAutoPadding()
    And c.update('abc')
    And I try c.final()
    Then it throws ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH (Error)

  Scenario: a stream mode's final() is an empty Buffer, or '' with an output encoding
    Given c = crypto.createCipheriv('aes-128-ctr', Buffer.alloc(16, 1), Buffer.alloc(16))
    Then c.final() is the bytes (none)
    And crypto.createCipheriv('aes-128-ctr', Buffer.alloc(16, 1), Buffer.alloc(16)).final('hex') is ''

  Scenario: base64 output in pieces holds back len % 3 bytes: ['', '18zM', 'nhBL', 'p+M4', 'Cfxd', 'G3Q=']
    Given c = crypto.createCipheriv('aes-128-ctr', Buffer.alloc(16, 1), Buffer.alloc(16))
    When I try c.update('a', 'utf8', 'base64')
    And I try c.update('bc', 'utf8', 'base64')
    And I try c.update('defg', 'utf8', 'base64')
    And I try c.update('hi', 'utf8', 'base64')
    And I try c.update('jklmn', 'utf8', 'base64')
    And I try c.final('base64')
    Then the outputs of c are ['', '18zM', 'nhBL', 'p+M4', 'Cfxd', 'G3Q=']

  Scenario: base64 output after an empty piece: ['18zM', '', '', 'nhA=']
    Given c = crypto.createCipheriv('aes-128-ctr', Buffer.alloc(16, 1), Buffer.alloc(16))
    When I try c.update('abc', 'utf8', 'base64')
    And I try c.update('', 'utf8', 'base64')
    And I try c.update('de', 'utf8', 'base64')
    And I try c.final('base64')
    Then the outputs of c are ['18zM', '', '', 'nhA=']

  Scenario: a decipher's UTF-8 output keeps a character split across update() calls for the next one
    Given d = crypto.createDecipheriv('aes-128-ecb', Buffer.alloc(16, 1), null)
    And ct = Buffer.from('ea11d10e8d13cb72f6efd2a6b3e24196ae2129d401c75606ff5cb73a5e9af437', 'hex')
    When I try d.update(ct.subarray(0, 16), undefined, 'utf8')
    And I try d.update(ct.subarray(16), undefined, 'utf8')
    And I try d.final('utf8')
    Then the outputs of d are ['', 'héllo wörld ', '✓ ok']

  Scenario Outline: a UTF-8 output of <plain> decrypted <n> byte(s) at a time is <outputs>
    Given d = crypto.createDecipheriv('aes-128-ctr', Buffer.alloc(16, 1), Buffer.alloc(16))
    When I try d.update(hex <cipher>, undefined, 'utf8') in pieces of <n> bytes
    And I try d.final('utf8')
    Then the outputs of d are <outputs>

    Examples:
      | plain        | cipher       | n | outputs |
      | 68c3a96c6c6f | de6d06961942 | 1 | ['h', '', 'é', 'l', 'l', 'o', ''] |
      | 68c3a96c6c6f | de6d06961942 | 2 | ['h', 'él', 'lo', ''] |
      | f09f988061   | 4631377a14   | 1 | ['', '', '', '😀', 'a', ''] |
      | f09f988061   | 4631377a14   | 2 | ['', '😀', 'a', ''] |
      | f09f988061   | 4631377a14   | 3 | ['', '😀a', ''] |
      | e282ac62     | 542c0398     | 1 | ['', '', '€', 'b', ''] |
      | e282ac62     | 542c0398     | 2 | ['', '€b', ''] |
      | 6180808080   | d72e2f7af5   | 1 | ['a', '\ufffd', '\ufffd', '\ufffd', '\ufffd', ''] |
      | 6180808080   | d72e2f7af5   | 2 | ['a\ufffd', '\ufffd\ufffd', '\ufffd', ''] |
      | c3           | 75           | 1 | ['', '\ufffd'] |
      | f09f98       | 463137       | 1 | ['', '', '', '\ufffd'] |
      | f09f98       | 463137       | 2 | ['', '', '\ufffd'] |
      | c0af         | 7601         | 1 | ['', '\ufffd\ufffd', ''] |
      | ed9fbf       | 5b3110       | 1 | ['', '', '\ud7ff', ''] |
      | e2ac         | 5402         | 1 | ['', '', '\ufffd'] |
      | 6180808080   | d72e2f7af5   | 5 | ['a\ufffd\ufffd\ufffd\ufffd', ''] |
      | e241         | 54ef         | 1 | ['', '\ufffdA', ''] |
      | c3a9         | 7507         | 2 | ['é', ''] |
      | 6162f09f4142 | d7cc5f65346f | 3 | ['ab', '\ufffdAB', ''] |
      | f1808080     | 472e2f7a     | 1 | ['', '', '', '񀀀', ''] |
      | f09f41       | 4631ee       | 1 | ['', '', '\ufffdA', ''] |
      | 61f080e282ac | d75e2f18f781 | 2 | ['a', '\ufffd\ufffd', '€', ''] |

  Scenario Outline: a UTF-16 output of <plain> decrypted <n> byte(s) at a time holds back odd bytes
    Given d = crypto.createDecipheriv('aes-128-ctr', Buffer.alloc(16, 1), Buffer.alloc(16))
    When I try d.update(hex <cipher>, undefined, 'ucs2') in pieces of <n> bytes
    And I try d.final('ucs2')
    Then the outputs of d are <outputs>

    # d900 dc00 is U+50000 (an unassigned code point): every high surrogate's byte, D8 to DB, is held
    Examples:
      | plain        | cipher       | n | outputs |
      | 61003dd800de | d7ae922275f3 | 1 | ['', 'a', '', '\ud83d', '', '\ude00', ''] |
      | 61003dd800de | d7ae922275f3 | 3 | ['a', '😀', ''] |
      | 61003dd800de | d7ae922275f3 | 2 | ['a', '', '😀', ''] |
      | 6100d800     | d7ae77fa     | 2 | ['a', 'Ø', ''] |
      | 610062       | d7aecd       | 1 | ['', 'a', '', ''] |
      | 610000d900dc | d7aeaf2375f1 | 2 | ['a', '', '񐀀', ''] |
