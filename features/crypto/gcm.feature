@crypto
Feature: aes-256-gcm: the authentication tag, setAAD and setAuthTag
  In GCM the cipher's getAuthTag() gives the tag after final(); the decipher needs setAuthTag() before
  final(), which throws when the tag (or the AAD, or the ciphertext) does not match. AAD goes in
  before any data. Tags of 4, 8 and 12–16 bytes are accepted.

  Background:
    Given an aes-256-gcm cipher with key hex 0101010101010101010101010101010101010101010101010101010101010101 and IV hex 020202020202020202020202

  Scenario: the cipher's tag is 16 bytes, available after final
    When I call update with 'hello', 'utf8', 'hex'
    And I call final with 'hex'
    And I call getAuthTag
    Then the outputs were ['6fb3a52525', '']
    And the call returned hex 02630b59edf03e770c9c03868bf73aed

  Scenario: getAuthTag before final throws ERR_CRYPTO_INVALID_STATE
    When I call getAuthTag
    Then it throws ERR_CRYPTO_INVALID_STATE (Error)
    And the error message reads 'Invalid state for operation getAuthTag'

  Scenario: getAuthTag can be called again and gives the same tag
    When I call final
    And I call getAuthTag
    And I call getAuthTag
    Then the call returned hex b1347e98b8864e4b5d735d165dbb5c3b

  Scenario: AAD given in two setAAD calls counts as one
    When I call setAAD with hex 61
    And I call setAAD with hex 62
    And I call final
    And I call getAuthTag
    Then the call returned hex 3b4941beb1fb395d1c5f47af2fcc6974

  Scenario: setAAD returns the cipher itself
    When I call setAAD with hex 6162
    Then the call returned the same object

  Scenario: setAAD after data throws ERR_CRYPTO_INVALID_STATE
    When I call update with 'a'
    And I call setAAD with hex 6162
    Then it throws ERR_CRYPTO_INVALID_STATE (Error)

  Scenario: setAAD after final throws ERR_CRYPTO_INVALID_STATE
    When I call final
    And I call setAAD with hex 6162
    Then it throws ERR_CRYPTO_INVALID_STATE (Error)

  Scenario: final twice throws ERR_CRYPTO_INVALID_STATE in GCM too
    When I call final
    And I call final
    Then it throws ERR_CRYPTO_INVALID_STATE (Error)

  Scenario: the authTagLength option shortens the tag
    Given an aes-256-gcm cipher with key hex 0101010101010101010101010101010101010101010101010101010101010101 and IV hex 020202020202020202020202 and options {authTagLength: 8}
    When I call final
    And I call getAuthTag
    Then the call returned hex b1347e98b8864e4b

  Scenario: the decipher returns the plaintext and final accepts the right tag
    Given an aes-256-gcm decipher with key hex 0101010101010101010101010101010101010101010101010101010101010101 and IV hex 020202020202020202020202
    When I call setAuthTag with hex 02630b59edf03e770c9c03868bf73aed
    And I call update with '6fb3a52525', 'hex', 'utf8'
    And I call final with 'utf8'
    Then the outputs were ['hello', '']

  Scenario: a tag given after the data is still checked at final
    Given an aes-256-gcm decipher with key hex 0101010101010101010101010101010101010101010101010101010101010101 and IV hex 020202020202020202020202
    When I call update with '6fb3a52525', 'hex', 'utf8'
    And I call setAuthTag with hex 02630b59edf03e770c9c03868bf73aed
    And I call final with 'utf8'
    Then the outputs were ['hello', '']

  Scenario: a truncated 8-byte tag is accepted and checked
    Given an aes-256-gcm decipher with key hex 0101010101010101010101010101010101010101010101010101010101010101 and IV hex 020202020202020202020202
    When I call setAuthTag with hex 02630b59edf03e77
    And I call update with '6fb3a52525', 'hex', 'utf8'
    And I call final with 'utf8'
    Then the outputs were ['hello', '']

  Scenario: a wrong tag makes final throw an Error without a code (the plaintext was already returned)
    Given an aes-256-gcm decipher with key hex 0101010101010101010101010101010101010101010101010101010101010101 and IV hex 020202020202020202020202
    When I call setAuthTag with hex 00000000000000000000000000000000
    And I call update with '6fb3a52525', 'hex', 'utf8'
    And I call final with 'utf8'
    Then it throws an Error with no code and the message 'Unsupported state or unable to authenticate data'
    And the outputs were ['hello']

  Scenario: a decipher without a tag cannot finish
    Given an aes-256-gcm decipher with key hex 0101010101010101010101010101010101010101010101010101010101010101 and IV hex 020202020202020202020202
    When I call update with '6fb3a52525', 'hex', 'utf8'
    And I call final
    Then it throws an Error with no code and the message 'Unsupported state or unable to authenticate data'

  Scenario Outline: a <n>-byte tag is refused with ERR_CRYPTO_INVALID_AUTH_TAG
    Given an aes-256-gcm decipher with key hex 0101010101010101010101010101010101010101010101010101010101010101 and IV hex 020202020202020202020202
    When I call setAuthTag with hex <tag>
    Then it throws ERR_CRYPTO_INVALID_AUTH_TAG (TypeError)
    And the error message reads 'Invalid authentication tag length: <n>'

    Examples:
      | n  | tag                                |
      | 3  | 000000                             |
      | 5  | 0000000000                         |
      | 17 | 0000000000000000000000000000000000 |

  Scenario: setAuthTag twice throws ERR_CRYPTO_INVALID_STATE
    Given an aes-256-gcm decipher with key hex 0101010101010101010101010101010101010101010101010101010101010101 and IV hex 020202020202020202020202
    When I call setAuthTag with hex 02630b59edf03e770c9c03868bf73aed
    And I call setAuthTag with hex 02630b59edf03e770c9c03868bf73aed
    Then it throws ERR_CRYPTO_INVALID_STATE (Error)

  Scenario: GCM accepts a 1-byte IV
    Given an aes-256-gcm cipher with key hex 0101010101010101010101010101010101010101010101010101010101010101 and IV hex 00
    When I call final
    And I call getAuthTag
    Then the call returned hex e6c94e0dde0a7629ad1652fdaa43eaa7

  Scenario: GCM refuses an empty IV
    When I create an aes-256-gcm cipher with key hex 0101010101010101010101010101010101010101010101010101010101010101 and IV hex
    Then it throws ERR_CRYPTO_INVALID_IV (TypeError)
