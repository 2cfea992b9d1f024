@crypto
Feature: Cipher errors, by code and class
  Node checks createCipheriv's arguments in JavaScript (the types), then in C++ in this order: the
  cipher's name, the IV, the provider, the key length. Errors thrown by OpenSSL carry an ERR_OSSL_*
  code; two state errors have no code at all.

  Scenario Outline: an unknown cipher name '<name>' throws ERR_CRYPTO_UNKNOWN_CIPHER
    When I create a <name> cipher with key '0123456789abcdef' and IV ''
    Then it throws ERR_CRYPTO_UNKNOWN_CIPHER (Error)

    Examples:
      | name        |
      | aes-127-ecb |
      | aes         |
      | rot13       |

  Scenario: the name is checked before the IV
    When I create a nope cipher with key '0123456789abcdef' and IV '123'
    Then it throws ERR_CRYPTO_UNKNOWN_CIPHER (Error)

  @claim:crypto-04
  Scenario Outline: <alg> with a <length>-byte key throws ERR_CRYPTO_INVALID_KEYLEN
    When I create an <alg> cipher with key <key> and IV <iv>
    Then it throws ERR_CRYPTO_INVALID_KEYLEN (RangeError)
    And the error message reads 'Invalid key length'

    Examples:
      | alg          | length | key                                 | iv                 |
      | aes-128-ecb  | 15     | '0123456789abcde'                   | ''                 |
      | aes-128-ecb  | 17     | '0123456789abcdefg'                 | ''                 |
      | aes-256-cbc  | 0      | ''                                  | '0123456789abcdef' |
      | aes-192-cbc  | 16     | '0123456789abcdef'                  | '0123456789abcdef' |
      | des-ede3-cbc | 16     | '0123456789abcdef'                  | '12345678'         |

  @claim:crypto-04
  Scenario: a string key is its UTF-8 bytes: eight 'é' make a 16-byte AES-128 key
    Given an aes-128-ecb cipher with key '\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9' and IV ''
    When I call final with 'hex'
    Then the call returned '8f450465b07cdd5c63248541be8c737c'

  @claim:crypto-04
  Scenario Outline: <alg> refuses the IV <iv> with ERR_CRYPTO_INVALID_IV
    When I create an <alg> cipher with key '0123456789abcdef' and IV <iv>
    Then it throws ERR_CRYPTO_INVALID_IV (TypeError)
    And the error message reads 'Invalid initialization vector'

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
    Given an aes-128-ecb cipher with key '0123456789abcdef' and IV <iv>
    When I call final with 'hex'
    Then the call returned '377222e061a924c591cd9c27ea163ed4'

    Examples:
      | iv   |
      | ''   |
      | null |
      | hex  |

  Scenario Outline: a <what> of the wrong type throws ERR_INVALID_ARG_TYPE
    When I create an <alg> cipher with key <key> and IV <iv>
    Then it throws ERR_INVALID_ARG_TYPE (TypeError)

    Examples:
      | what      | alg         | key                | iv        |
      | key       | aes-128-ecb | 5                  | ''        |
      | null key  | aes-128-ecb | null               | ''        |
      | IV        | aes-128-ecb | '0123456789abcdef' | 5         |
      | missing IV | aes-128-ecb | '0123456789abcdef' | undefined |

  Scenario: update with a number throws ERR_INVALID_ARG_TYPE
    Given an aes-128-ecb cipher with key '0123456789abcdef' and IV ''
    When I call update with 5
    Then it throws ERR_INVALID_ARG_TYPE (TypeError)

  Scenario: update with hex of odd length throws ERR_INVALID_ARG_VALUE
    Given an aes-128-ecb cipher with key '0123456789abcdef' and IV ''
    When I call update with 'abc', 'hex'
    Then it throws ERR_INVALID_ARG_VALUE (TypeError)
    And it has the message "The argument 'encoding' is invalid for data of length 3. Received 'hex'"

  @claim:crypto-09
  Scenario: final twice throws ERR_CRYPTO_INVALID_STATE
    Given an aes-128-ecb cipher with key '0123456789abcdef' and IV ''
    When I call final
    And I call final
    Then it throws ERR_CRYPTO_INVALID_STATE (Error)
    And the error message reads 'Invalid state'

  @claim:crypto-09
  Scenario: update after final throws an Error without a code
    Given an aes-128-ecb cipher with key '0123456789abcdef' and IV ''
    When I call final
    And I call update with 'a'
    Then it throws an Error with no code and the message 'Trying to add data in unsupported state'

  Scenario: setAutoPadding after final throws ERR_CRYPTO_INVALID_STATE
    Given an aes-128-ecb cipher with key '0123456789abcdef' and IV ''
    When I call final
    And I call setAutoPadding with false
    Then it throws ERR_CRYPTO_INVALID_STATE (Error)
    And the error message reads 'Invalid state for operation setAutoPadding'

  Scenario: without padding, a partial last block throws ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH at final
    Given an aes-128-ecb cipher with key '0123456789abcdef' and IV ''
    When I call setAutoPadding with false
    And I call update with 'abc'
    And I call final
    Then it throws ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH (Error)
    And the error message reads 'error:1C80006B:Provider routines::wrong final block length'

  Scenario: a decipher given a truncated ciphertext throws ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH at final
    Given an aes-128-ecb decipher with key '0123456789abcdef' and IV ''
    When I call update with hex 000102030405060708090a0b0c0d0e
    And I call final
    Then it throws ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH (Error)

  Scenario: a decipher given nothing throws ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH at final
    Given an aes-128-ecb decipher with key '0123456789abcdef' and IV ''
    When I call final
    Then it throws ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH (Error)

  Scenario: decrypting with the wrong key throws ERR_OSSL_BAD_DECRYPT at final
    Given an aes-128-cbc decipher with key '0123456789abcdeg' and IV 'fedcba9876543210'
    When I call update with 'e8ecbef871a408c0c1f05fb02c7b81359a2e45a48259b5f4002779a448165c4f', 'hex'
    And I call final
    Then it throws ERR_OSSL_BAD_DECRYPT (Error)
    And the error message reads 'error:1C800064:Provider routines::bad decrypt'

  Scenario: after a failed final, update throws the codeless state error
    Given an aes-128-ecb decipher with key '0123456789abcdef' and IV ''
    When I call update with hex 00
    And I call final
    And I call update with hex 00
    Then it throws an Error with no code and the message 'Trying to add data in unsupported state'

  Scenario: after a failed final, final throws ERR_CRYPTO_INVALID_STATE
    Given an aes-128-ecb decipher with key '0123456789abcdef' and IV ''
    When I call update with hex 00
    And I call final
    And I call final
    Then it throws ERR_CRYPTO_INVALID_STATE (Error)

  Scenario: setAAD on a CBC cipher throws ERR_CRYPTO_INVALID_STATE
    Given an aes-128-cbc cipher with key '0123456789abcdef' and IV 'fedcba9876543210'
    When I call setAAD with hex 61
    Then it throws ERR_CRYPTO_INVALID_STATE (Error)
    And the error message reads 'Invalid state for operation setAAD'

  Scenario: getAuthTag on a CBC cipher throws ERR_CRYPTO_INVALID_STATE
    Given an aes-128-cbc cipher with key '0123456789abcdef' and IV 'fedcba9876543210'
    When I call final
    And I call getAuthTag
    Then it throws ERR_CRYPTO_INVALID_STATE (Error)
    And the error message reads 'Invalid state for operation getAuthTag'
