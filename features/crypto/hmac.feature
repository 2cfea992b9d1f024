@crypto
Feature: Hmac: createHmac, update and digest
  createHmac(algorithm, key) keys a hash (RFC 2104). Unlike Hash, a second digest() does not throw: it
  returns an empty result; update() after digest() does throw.

  Scenario Outline: HMAC-<alg> with key 'key' of the quick brown fox is <mac>
    When I compute the HMAC-<alg> of 'The quick brown fox jumps over the lazy dog' with key 'key'
    Then the digest is <mac>

    Examples:
      | alg    | mac                                                              |
      | md5    | 80070713463e7749b90c2dc24911e275                                 |
      | sha1   | de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9                         |
      | sha256 | f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8 |

  Scenario: HMAC digests in base64 like any digest
    Given hmac = crypto.createHmac('sha256', 'key')
    When I try hmac.update('The quick brown fox jumps over the lazy dog')
    And I try hmac.digest('base64')
    Then it is '97yD9DBThCSxMpjmqm+xQ+9NWaFJRhdZl0edvC0aPNg='

  Scenario: a second Hmac digest returns an empty string instead of throwing
    Given hmac = crypto.createHmac('sha256', 'key')
    When I try hmac.digest('hex')
    And I try hmac.digest('hex')
    Then it is ''

  Scenario: a second Hmac digest without an encoding returns an empty Buffer
    Given hmac = crypto.createHmac('sha256', 'key')
    When I try hmac.digest()
    And I try hmac.digest()
    Then it is hex

  Scenario: update after an Hmac digest throws ERR_CRYPTO_HASH_FINALIZED
    Given hmac = crypto.createHmac('sha256', 'key')
    When I try hmac.digest()
    And I try hmac.update('a')
    Then it throws ERR_CRYPTO_HASH_FINALIZED (Error)

  Scenario: an unknown HMAC algorithm throws ERR_CRYPTO_INVALID_DIGEST, unlike createHash
    When I try hmac = crypto.createHmac('md55', 'key')
    Then it throws ERR_CRYPTO_INVALID_DIGEST (TypeError)
    And the error's message is 'Invalid digest: md55'

  Scenario Outline: an HMAC-SHA256 key of <n> bytes is <how> (the hash's block is 64 bytes)
    When I compute the HMAC-sha256 of 'abc' with key '<key>'
    Then the digest is <mac>

    Examples:
      | n  | how                               | key                                                               | mac                                                              |
      | 64 | used as it is: it fills the block | kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk  | ae0c0e4a2340cf50185eb46aaa8723f4769153661612e212fb0d1fa3170c6202 |
      | 65 | hashed first: it is longer        | kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk | ed378e5dfa30dc98814ba09b2e610d9b6af66054922ceef9480da094a3f11b2d |

  Scenario Outline: an HMAC over the extendable-output <alg> throws OpenSSL's empty error, without a code
    When I try hmac = crypto.createHmac('<alg>', 'key')
    Then it throws an Error without a code, with the message 'error:00000000:lib(0)::reason(0)'

    Examples:
      | alg      |
      | shake128 |
      | shake256 |

  Scenario: an HMAC key of the wrong type throws ERR_INVALID_ARG_TYPE
    When I try hmac = crypto.createHmac('sha256', 5)
    Then it throws ERR_INVALID_ARG_TYPE (TypeError)
