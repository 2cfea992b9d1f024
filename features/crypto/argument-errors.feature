@crypto
Feature: What crypto throws for an argument of the wrong type or value
  Each argument is checked with Node's validators, so the error names the argument as Node's
  JavaScript does ('aadbuf' for setAAD, 'hmac' for createHmac's algorithm). Probed on Node 20, 22,
  24 and 26.

  Scenario Outline: <call> throws ERR_INVALID_ARG_TYPE naming "<name>"
    Given cipher = crypto.createCipheriv('aes-128-gcm', '0123456789abcdef', '012345678901')
    And decipher = crypto.createDecipheriv('aes-128-gcm', '0123456789abcdef', '012345678901')
    When I try <call>
    Then it throws ERR_INVALID_ARG_TYPE (TypeError)
    And the error's message is '<message>'

    Examples:
      | call                                                  | name      | message                                                                                                                                         |
      | crypto.createCipheriv(5, '0123456789abcdef', '')      | cipher    | The "cipher" argument must be of type string. Received type number (5)                                                                         |
      | crypto.createHmac(5, 'k')                             | hmac      | The "hmac" argument must be of type string. Received type number (5)                                                                           |
      | crypto.hash(5, 'abc')                                 | algorithm | The "algorithm" argument must be of type string. Received type number (5)                                                                      |
      | cipher.setAAD(5)                                      | aadbuf    | The "aadbuf" argument must be of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView. Received type number (5)          |
      | decipher.setAuthTag(5)                                | buffer    | The "buffer" argument must be of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView. Received type number (5)          |

  Scenario Outline: createHash('shake128', {outputLength: <value>}) throws <code>
    When I try crypto.createHash('shake128', {outputLength: <value>})
    Then it throws <code> (<class>)
    And the error's message is "<message>"

    Examples:
      | value      | code                  | class      | message                                                                                                          |
      | 1.5        | ERR_OUT_OF_RANGE      | RangeError | The value of \"options.outputLength\" is out of range. It must be an integer. Received 1.5                       |
      | 4294967296 | ERR_OUT_OF_RANGE      | RangeError | The value of \"options.outputLength\" is out of range. It must be >= 0 && <= 4294967295. Received 4294967296     |
      | '2'        | ERR_INVALID_ARG_TYPE  | TypeError  | The \"options.outputLength\" property must be of type number. Received type string ('2')                        |

  Scenario Outline: a GCM cipher with authTagLength <n> throws ERR_CRYPTO_INVALID_AUTH_TAG
    When I try crypto.createCipheriv('aes-128-gcm', '0123456789abcdef', '012345678901', {authTagLength: <n>})
    Then it throws ERR_CRYPTO_INVALID_AUTH_TAG (TypeError)
    And the error's message is 'Invalid authentication tag length: <n>'

    Examples:
      | n |
      | 5 |
      | 0 |

  Scenario: setAAD reads a string in the encoding its options give: '6162' in hex makes the same tag as 'ab'
    Given cipher = crypto.createCipheriv('aes-128-gcm', '0123456789abcdef', '012345678901')
    When I try cipher.setAAD('6162', {encoding: 'hex'})
    And I try cipher.final()
    Then cipher.getAuthTag() is hex 878317db436c21e441343f9cf642da8c

  Scenario: setAuthTag reads a string tag in the encoding given
    Given decipher = crypto.createDecipheriv('aes-128-gcm', '0123456789abcdef', '012345678901')
    When I try decipher.setAuthTag('878317db436c21e441343f9cf642da8c', 'hex')
    And I try decipher.setAAD('ab')
    And I try decipher.final('hex')
    Then it is ''

  Scenario: switching to an output encoding Node does not know throws ERR_UNKNOWN_ENCODING
    Given cipher = crypto.createCipheriv('aes-128-ecb', '0123456789abcdef', '')
    When I try cipher.update('a', 'utf8', 'hex')
    And I try cipher.final('bogus')
    Then it throws ERR_UNKNOWN_ENCODING (TypeError)
    And the error's message is 'Unknown encoding: bogus'

  Scenario: a decipher without padding refuses a partial last block with ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH
    Given decipher = crypto.createDecipheriv('aes-128-ecb', '0123456789abcdef', '')
    When I try decipher.setAutoPadding(false)
    And I try decipher.update('0011223344', 'hex')
    And I try decipher.final()
    Then it throws ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH (Error)
    And the error's message is 'error:1C80006B:Provider routines::wrong final block length'

  @node:20
  Scenario Outline: on Node 20 <call> throws <code>
    When I try <call>
    Then it throws <code> (<class>)
    And the error's message is '<message>'

    Examples:
      | call                                     | code                      | class     | message                                                                                                                                    |
      | crypto.createCipher('aes-128-cbc', 5)    | ERR_INVALID_ARG_TYPE      | TypeError | The "password" argument must be of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView. Received type number (5)   |
      | crypto.createCipher(5, 'pw')             | ERR_INVALID_ARG_TYPE      | TypeError | The "cipher" argument must be of type string. Received type number (5)                                                                    |
      | crypto.createCipher('nope', 'pw')        | ERR_CRYPTO_UNKNOWN_CIPHER | Error     | Unknown cipher                                                                                                                             |

  @node:20
  Scenario: on Node 20 crypto.Cipher and crypto.Decipher are the classes named Cipher and Decipher
    Then crypto.Cipher.name is 'Cipher'
    And crypto.Decipher.name is 'Decipher'
    And crypto.createCipher('aes-128-cbc', 'pw') instanceof crypto.Cipher is true

  @node:20
  Scenario: on Node 20 a createCipher GCM cipher gives its 16-byte tag after final
    Given c = crypto.createCipher('aes-256-gcm', 'pw')
    When c.update('x')
    And c.final()
    Then c.getAuthTag() is hex 33e2c5ae2b47fae502d4b3587bffc0e9
