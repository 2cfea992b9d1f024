@crypto
Feature: Cipher errors, by code and class
  Node checks createCipheriv's arguments in JavaScript (the types), then in C++ in this order: the
  cipher's name, the IV, the provider, the key length. Errors thrown by OpenSSL carry an ERR_OSSL_*
  code; two state errors have no code at all.

  Scenario Outline: an unknown cipher name '<name>' throws ERR_CRYPTO_UNKNOWN_CIPHER
    When I try cipher = crypto.createCipheriv('<name>', '0123456789abcdef', '')
    Then it throws ERR_CRYPTO_UNKNOWN_CIPHER (Error)

    Examples:
      | name        |
      | aes-127-ecb |
      | aes         |
      | rot13       |

  Scenario: the name is checked before the IV
    When I try cipher = crypto.createCipheriv('nope', '0123456789abcdef', '123')
    Then it throws ERR_CRYPTO_UNKNOWN_CIPHER (Error)

  @claim:crypto-04
  Scenario Outline: <alg> with a <length>-byte key throws ERR_CRYPTO_INVALID_KEYLEN
    When I try cipher = crypto.createCipheriv('<alg>', <key>, <iv>)
    Then it throws ERR_CRYPTO_INVALID_KEYLEN (RangeError)
    And the error's message is 'Invalid key length'

    Examples:
      | alg          | length | key                                 | iv                 |
      | aes-128-ecb  | 15     | '0123456789abcde'                   | ''                 |
      | aes-128-ecb  | 17     | '0123456789abcdefg'                 | ''                 |
      | aes-256-cbc  | 0      | ''                                  | '0123456789abcdef' |
      | aes-192-cbc  | 16     | '0123456789abcdef'                  | '0123456789abcdef' |
      | des-ede3-cbc | 16     | '0123456789abcdef'                  | '12345678'         |

  @claim:crypto-04
  Scenario: a string key is its UTF-8 bytes: eight 'é' make a 16-byte AES-128 key
    Given cipher = crypto.createCipheriv('aes-128-ecb', '\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9', '')
    When I try cipher.final('hex')
    Then it is '8f450465b07cdd5c63248541be8c737c'

  @claim:crypto-04
  Scenario Outline: <alg> refuses the IV <iv> with ERR_CRYPTO_INVALID_IV
    When I try cipher = crypto.createCipheriv('<alg>', '0123456789abcdef', <iv>)
    Then it throws ERR_CRYPTO_INVALID_IV (TypeError)
    And the error's message is 'Invalid initialization vector'

    Examples:
      | alg         | iv                  |
      | aes-128-ecb | '0123456789abcdef'  |
      | aes-128-ecb | 'x'                 |
      | aes-128-cbc | '0123456789abcde'   |
      | aes-128-cbc | '0123456789abcdefg' |
      | aes-128-cbc | null                |
      | aes-128-cbc | ''                  |
      | aes-128-ctr | '01234567'          |

  @claim:crypto-04
  Scenario Outline: ECB accepts the empty IV <iv>
    Given cipher = crypto.createCipheriv('aes-128-ecb', '0123456789abcdef', <iv>)
    When I try cipher.final('hex')
    Then it is '377222e061a924c591cd9c27ea163ed4'

    Examples:
      | iv   |
      | ''   |
      | null |
      | hex  |

  Scenario Outline: a <what> of the wrong type throws ERR_INVALID_ARG_TYPE
    When I try cipher = crypto.createCipheriv('<alg>', <key>, <iv>)
    Then it throws ERR_INVALID_ARG_TYPE (TypeError)

    Examples:
      | what      | alg         | key                | iv        |
      | key       | aes-128-ecb | 5                  | ''        |
      | null key  | aes-128-ecb | null               | ''        |
      | IV        | aes-128-ecb | '0123456789abcdef' | 5         |
      | missing IV | aes-128-ecb | '0123456789abcdef' | undefined |

  Scenario: update with a number throws ERR_INVALID_ARG_TYPE
    Given cipher = crypto.createCipheriv('aes-128-ecb', '0123456789abcdef', '')
    When I try cipher.update(5)
    Then it throws ERR_INVALID_ARG_TYPE (TypeError)

  Scenario: update with hex of odd length throws ERR_INVALID_ARG_VALUE
    Given cipher = crypto.createCipheriv('aes-128-ecb', '0123456789abcdef', '')
    When I try cipher.update('abc', 'hex')
    Then it throws ERR_INVALID_ARG_VALUE (TypeError)
    And the error's message is "The argument 'encoding' is invalid for data of length 3. Received 'hex'"

  @claim:crypto-09
  Scenario: final twice throws ERR_CRYPTO_INVALID_STATE
    Given cipher = crypto.createCipheriv('aes-128-ecb', '0123456789abcdef', '')
    When I try cipher.final()
    And I try cipher.final()
    Then it throws ERR_CRYPTO_INVALID_STATE (Error)
    And the error's message is 'Invalid state'

  @claim:crypto-09
  Scenario: update after final throws an Error without a code
    Given cipher = crypto.createCipheriv('aes-128-ecb', '0123456789abcdef', '')
    When I try cipher.final()
    And I try cipher.update('a')
    Then it throws an Error without a code, with the message 'Trying to add data in unsupported state'

  Scenario: setAutoPadding after final throws ERR_CRYPTO_INVALID_STATE
    Given cipher = crypto.createCipheriv('aes-128-ecb', '0123456789abcdef', '')
    When I try cipher.final()
    And I try cipher.setAutoPadding(false)
    Then it throws ERR_CRYPTO_INVALID_STATE (Error)
    And the error's message is 'Invalid state for operation setAutoPadding'

  Scenario: without padding, a partial last block throws ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH at final
    Given cipher = crypto.createCipheriv('aes-128-ecb', '0123456789abcdef', '')
    When I try cipher.setAutoPadding(false)
    And I try cipher.update('abc')
    And I try cipher.final()
    Then it throws ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH (Error)
    And the error's message is 'error:1C80006B:Provider routines::wrong final block length'

  Scenario: a decipher given a truncated ciphertext throws ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH at final
    Given decipher = crypto.createDecipheriv('aes-128-ecb', '0123456789abcdef', '')
    When I try decipher.update(hex 000102030405060708090a0b0c0d0e)
    And I try decipher.final()
    Then it throws ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH (Error)

  Scenario: a decipher given nothing throws ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH at final
    Given decipher = crypto.createDecipheriv('aes-128-ecb', '0123456789abcdef', '')
    When I try decipher.final()
    Then it throws ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH (Error)

  Scenario: decrypting with the wrong key throws ERR_OSSL_BAD_DECRYPT at final
    Given decipher = crypto.createDecipheriv('aes-128-cbc', '0123456789abcdeg', 'fedcba9876543210')
    When I try decipher.update('e8ecbef871a408c0c1f05fb02c7b81359a2e45a48259b5f4002779a448165c4f', 'hex')
    And I try decipher.final()
    Then it throws ERR_OSSL_BAD_DECRYPT (Error)
    And the error's message is 'error:1C800064:Provider routines::bad decrypt'

  Scenario: after a failed final, update throws the codeless state error
    Given decipher = crypto.createDecipheriv('aes-128-ecb', '0123456789abcdef', '')
    When I try decipher.update(hex 00)
    And I try decipher.final()
    And I try decipher.update(hex 00)
    Then it throws an Error without a code, with the message 'Trying to add data in unsupported state'

  Scenario: after a failed final, final throws ERR_CRYPTO_INVALID_STATE
    Given decipher = crypto.createDecipheriv('aes-128-ecb', '0123456789abcdef', '')
    When I try decipher.update(hex 00)
    And I try decipher.final()
    And I try decipher.final()
    Then it throws ERR_CRYPTO_INVALID_STATE (Error)

  Scenario: setAAD on a CBC cipher throws ERR_CRYPTO_INVALID_STATE
    Given cipher = crypto.createCipheriv('aes-128-cbc', '0123456789abcdef', 'fedcba9876543210')
    When I try cipher.setAAD(hex 61)
    Then it throws ERR_CRYPTO_INVALID_STATE (Error)
    And the error's message is 'Invalid state for operation setAAD'

  Scenario: getAuthTag on a CBC cipher throws ERR_CRYPTO_INVALID_STATE
    Given cipher = crypto.createCipheriv('aes-128-cbc', '0123456789abcdef', 'fedcba9876543210')
    When I try cipher.final()
    And I try cipher.getAuthTag()
    Then it throws ERR_CRYPTO_INVALID_STATE (Error)
    And the error's message is 'Invalid state for operation getAuthTag'

  Scenario: a last block ending in 05 02 is bad padding: the length 2 is in range, but the byte before it is not 02
    Given decipher = crypto.createDecipheriv('aes-128-ecb', '0123456789abcdef', '')
    When I try decipher.update('746eb85c2d56df73bb3991fd3e061f60', 'hex', 'hex')
    And I try decipher.final('hex')
    Then it throws ERR_OSSL_BAD_DECRYPT (Error)
    And the error's message is 'error:1C800064:Provider routines::bad decrypt'
