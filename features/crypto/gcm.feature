@crypto
Feature: aes-256-gcm: the authentication tag, setAAD and setAuthTag
  In GCM the cipher's getAuthTag() gives the tag after final(); the decipher needs setAuthTag() before
  final(), which throws when the tag (or the AAD, or the ciphertext) does not match. AAD goes in
  before any data. Tags of 4, 8 and 12–16 bytes are accepted.

  Background:
    Given cipher = crypto.createCipheriv('aes-256-gcm', hex 0101010101010101010101010101010101010101010101010101010101010101, hex 020202020202020202020202)

  Scenario: the cipher's tag is 16 bytes, available after final
    When I try cipher.update('hello', 'utf8', 'hex')
    And I try cipher.final('hex')
    And I try cipher.getAuthTag()
    Then the outputs of cipher are ['6fb3a52525', '']
    And it is hex 02630b59edf03e770c9c03868bf73aed

  Scenario: getAuthTag before final throws ERR_CRYPTO_INVALID_STATE
    When I try cipher.getAuthTag()
    Then it throws ERR_CRYPTO_INVALID_STATE (Error)
    And the error's message is 'Invalid state for operation getAuthTag'

  Scenario: getAuthTag can be called again and gives the same tag
    When I try cipher.final()
    And I try cipher.getAuthTag()
    And I try cipher.getAuthTag()
    Then it is hex b1347e98b8864e4b5d735d165dbb5c3b

  Scenario: AAD given in two setAAD calls counts as one
    When I try cipher.setAAD(hex 61)
    And I try cipher.setAAD(hex 62)
    And I try cipher.final()
    And I try cipher.getAuthTag()
    Then it is hex 3b4941beb1fb395d1c5f47af2fcc6974

  Scenario: setAAD returns the cipher itself
    When I try cipher.setAAD(hex 6162)
    Then it is cipher

  Scenario: setAAD after data throws ERR_CRYPTO_INVALID_STATE
    When I try cipher.update('a')
    And I try cipher.setAAD(hex 6162)
    Then it throws ERR_CRYPTO_INVALID_STATE (Error)

  Scenario: setAAD after final throws ERR_CRYPTO_INVALID_STATE
    When I try cipher.final()
    And I try cipher.setAAD(hex 6162)
    Then it throws ERR_CRYPTO_INVALID_STATE (Error)

  Scenario: final twice throws ERR_CRYPTO_INVALID_STATE in GCM too
    When I try cipher.final()
    And I try cipher.final()
    Then it throws ERR_CRYPTO_INVALID_STATE (Error)

  Scenario: the authTagLength option shortens the tag
    Given cipher = crypto.createCipheriv('aes-256-gcm', hex 0101010101010101010101010101010101010101010101010101010101010101, hex 020202020202020202020202, {authTagLength: 8})
    When I try cipher.final()
    And I try cipher.getAuthTag()
    Then it is hex b1347e98b8864e4b

  Scenario: the decipher returns the plaintext and final accepts the right tag
    Given decipher = crypto.createDecipheriv('aes-256-gcm', hex 0101010101010101010101010101010101010101010101010101010101010101, hex 020202020202020202020202)
    When I try decipher.setAuthTag(hex 02630b59edf03e770c9c03868bf73aed)
    And I try decipher.update('6fb3a52525', 'hex', 'utf8')
    And I try decipher.final('utf8')
    Then the outputs of decipher are ['hello', '']

  Scenario: a tag given after the data is still checked at final
    Given decipher = crypto.createDecipheriv('aes-256-gcm', hex 0101010101010101010101010101010101010101010101010101010101010101, hex 020202020202020202020202)
    When I try decipher.update('6fb3a52525', 'hex', 'utf8')
    And I try decipher.setAuthTag(hex 02630b59edf03e770c9c03868bf73aed)
    And I try decipher.final('utf8')
    Then the outputs of decipher are ['hello', '']

  @node:20-24
  Scenario: a truncated 8-byte tag is accepted and checked
    Given decipher = crypto.createDecipheriv('aes-256-gcm', hex 0101010101010101010101010101010101010101010101010101010101010101, hex 020202020202020202020202)
    When I try decipher.setAuthTag(hex 02630b59edf03e77)
    And I try decipher.update('6fb3a52525', 'hex', 'utf8')
    And I try decipher.final('utf8')
    Then the outputs of decipher are ['hello', '']

  Scenario: with authTagLength 8, a truncated 8-byte tag is accepted and checked on every line
    Given decipher = crypto.createDecipheriv('aes-256-gcm', hex 0101010101010101010101010101010101010101010101010101010101010101, hex 020202020202020202020202, {authTagLength: 8})
    When I try decipher.setAuthTag(hex 02630b59edf03e77)
    And I try decipher.update('6fb3a52525', 'hex', 'utf8')
    And I try decipher.final('utf8')
    Then the outputs of decipher are ['hello', '']

  Scenario: with authTagLength 4, the shortest length GCM allows, a 4-byte tag is made and checked
    Given cipher = crypto.createCipheriv('aes-256-gcm', hex 0101010101010101010101010101010101010101010101010101010101010101, hex 020202020202020202020202, {authTagLength: 4})
    When I try cipher.update('hello', 'utf8', 'hex')
    And I try cipher.final('hex')
    Then cipher.getAuthTag() is hex 02630b59
    Given decipher = crypto.createDecipheriv('aes-256-gcm', hex 0101010101010101010101010101010101010101010101010101010101010101, hex 020202020202020202020202, {authTagLength: 4})
    When I try decipher.setAuthTag(hex 02630b59)
    And I try decipher.update('6fb3a52525', 'hex', 'utf8')
    And I try decipher.final('utf8')
    Then the outputs of decipher are ['hello', '']

  Scenario Outline: without authTagLength, setAuthTag with a truncated <n>-byte tag <outcome>
    Given decipher = crypto.createDecipheriv('aes-256-gcm', hex 0101010101010101010101010101010101010101010101010101010101010101, hex 020202020202020202020202)
    When I try decipher.setAuthTag(<tag>)
    Then <check>

    Examples: accepted up to Node 24 (deprecated, DEP0182, on 24); refused from Node 26
      | node  | n  | tag                             | outcome                             | check                                               |
      | 20-24 | 4  | hex 02630b59                    | is accepted                         | it is decipher                                      |
      | 20-24 | 8  | hex 02630b59edf03e77            | is accepted                         | it is decipher                                      |
      | 20-24 | 12 | hex 02630b59edf03e770c9c0386    | is accepted                         | it is decipher                                      |
      | >=26  | 4  | hex 02630b59                    | throws ERR_CRYPTO_INVALID_AUTH_TAG  | it throws ERR_CRYPTO_INVALID_AUTH_TAG (TypeError)   |
      | >=26  | 8  | hex 02630b59edf03e77            | throws ERR_CRYPTO_INVALID_AUTH_TAG  | it throws ERR_CRYPTO_INVALID_AUTH_TAG (TypeError)   |
      | >=26  | 12 | hex 02630b59edf03e770c9c0386    | throws ERR_CRYPTO_INVALID_AUTH_TAG  | it throws ERR_CRYPTO_INVALID_AUTH_TAG (TypeError)   |

  Scenario: a wrong tag makes final throw an Error without a code (the plaintext was already returned)
    Given decipher = crypto.createDecipheriv('aes-256-gcm', hex 0101010101010101010101010101010101010101010101010101010101010101, hex 020202020202020202020202)
    When I try decipher.setAuthTag(hex 00000000000000000000000000000000)
    And I try decipher.update('6fb3a52525', 'hex', 'utf8')
    And I try decipher.final('utf8')
    Then it throws an Error without a code, with the message 'Unsupported state or unable to authenticate data'
    And the outputs of decipher are ['hello']

  Scenario: a decipher without a tag cannot finish
    Given decipher = crypto.createDecipheriv('aes-256-gcm', hex 0101010101010101010101010101010101010101010101010101010101010101, hex 020202020202020202020202)
    When I try decipher.update('6fb3a52525', 'hex', 'utf8')
    And I try decipher.final()
    Then it throws an Error without a code, with the message 'Unsupported state or unable to authenticate data'

  Scenario Outline: a <n>-byte tag is refused with ERR_CRYPTO_INVALID_AUTH_TAG
    Given decipher = crypto.createDecipheriv('aes-256-gcm', hex 0101010101010101010101010101010101010101010101010101010101010101, hex 020202020202020202020202)
    When I try decipher.setAuthTag(hex <tag>)
    Then it throws ERR_CRYPTO_INVALID_AUTH_TAG (TypeError)
    And the error's message is 'Invalid authentication tag length: <n>'

    Examples:
      | n  | tag                                |
      | 3  | 000000                             |
      | 5  | 0000000000                         |
      | 17 | 0000000000000000000000000000000000 |

  Scenario: setAuthTag twice throws ERR_CRYPTO_INVALID_STATE
    Given decipher = crypto.createDecipheriv('aes-256-gcm', hex 0101010101010101010101010101010101010101010101010101010101010101, hex 020202020202020202020202)
    When I try decipher.setAuthTag(hex 02630b59edf03e770c9c03868bf73aed)
    And I try decipher.setAuthTag(hex 02630b59edf03e770c9c03868bf73aed)
    Then it throws ERR_CRYPTO_INVALID_STATE (Error)

  Scenario: GCM accepts a 1-byte IV
    Given cipher = crypto.createCipheriv('aes-256-gcm', hex 0101010101010101010101010101010101010101010101010101010101010101, hex 00)
    When I try cipher.final()
    And I try cipher.getAuthTag()
    Then it is hex e6c94e0dde0a7629ad1652fdaa43eaa7

  Scenario: GCM refuses an empty IV
    When I try cipher = crypto.createCipheriv('aes-256-gcm', hex 0101010101010101010101010101010101010101010101010101010101010101, hex)
    Then it throws ERR_CRYPTO_INVALID_IV (TypeError)
