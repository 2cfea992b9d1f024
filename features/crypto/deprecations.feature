@crypto @program
Feature: The crypto.Hash and crypto.Hmac constructors are deprecated
  crypto.createHash and crypto.createHmac are the way to make a Hash or an Hmac. Calling the exported
  constructors yourself, with or without new, still works on every line, but from Node 22 it emits a
  DeprecationWarning (DEP0179 for Hash, DEP0181 for Hmac) — on Node 20 the deprecation is in the
  documentation only. Like every util.deprecate warning it comes once per process per code, before the
  constructor runs (a bad algorithm still warns), and never from createHash, createHmac, hash() or
  copy(). One process per case (programs/crypto_deprecations; its twin uses nodespec.reference.crypto),
  since a second call in the same process would not warn.

  Scenario Outline: <call> computes the digest and warns <warning> on <node>
    When the program "crypto_deprecations" runs with "<case>"
    Then the program exits with code 0
    And the program prints:
      """
      digest <digest>
      <warning>
      """

    Examples:
      | node | call                                 | case      | digest                                                           | warning                                                              |
      | 20   | new crypto.Hash('sha256')            | hash-new  | ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad | warnings none                                                        |
      | >=22 | new crypto.Hash('sha256')            | hash-new  | ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad | warning DeprecationWarning DEP0179 crypto.Hash constructor is deprecated. |
      | 20   | crypto.Hash('sha256') without new    | hash-call | ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad | warnings none                                                        |
      | >=22 | crypto.Hash('sha256') without new    | hash-call | ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad | warning DeprecationWarning DEP0179 crypto.Hash constructor is deprecated. |
      | 20   | new crypto.Hmac('sha256', 'key')     | hmac-new  | 9c196e32dc0175f86f4b1cb89289d6619de6bee699e4c378e68309ed97a1a6ab | warnings none                                                        |
      | >=22 | new crypto.Hmac('sha256', 'key')     | hmac-new  | 9c196e32dc0175f86f4b1cb89289d6619de6bee699e4c378e68309ed97a1a6ab | warning DeprecationWarning DEP0181 crypto.Hmac constructor is deprecated. |
      | 20   | crypto.Hmac('sha256', 'key') without new | hmac-call | 9c196e32dc0175f86f4b1cb89289d6619de6bee699e4c378e68309ed97a1a6ab | warnings none                                                    |
      | >=22 | crypto.Hmac('sha256', 'key') without new | hmac-call | 9c196e32dc0175f86f4b1cb89289d6619de6bee699e4c378e68309ed97a1a6ab | warning DeprecationWarning DEP0181 crypto.Hmac constructor is deprecated. |

  Scenario Outline: two Hash constructions in one process warn <warning> on <node>: once per process
    When the program "crypto_deprecations" runs with "hash-twice"
    Then the program exits with code 0
    And the program prints:
      """
      two Hash objects
      <warning>
      """

    Examples:
      | node | warning                                                              |
      | 20   | warnings none                                                        |
      | >=22 | warning DeprecationWarning DEP0179 crypto.Hash constructor is deprecated. |

  @node:>=22
  Scenario: a Hash and an Hmac in one process give one warning each: the count is per code
    When the program "crypto_deprecations" runs with "hash-and-hmac"
    Then the program exits with code 0
    And the program prints:
      """
      a Hash and an Hmac
      warning DeprecationWarning DEP0179 crypto.Hash constructor is deprecated.
      warning DeprecationWarning DEP0181 crypto.Hmac constructor is deprecated.
      """

  @node:>=22
  Scenario: the warning comes before the constructor runs: an unknown algorithm throws and still warns
    When the program "crypto_deprecations" runs with "bad-algorithm"
    Then the program exits with code 0
    And the program prints:
      """
      threw Digest method not supported
      warning DeprecationWarning DEP0179 crypto.Hash constructor is deprecated.
      """

  Scenario: createHash, copy(), crypto.hash() and createHmac never warn, and make instances of crypto.Hash and crypto.Hmac
    When the program "crypto_deprecations" runs with "factories"
    Then the program exits with code 0
    And the program prints:
      """
      instanceof true true
      warnings none
      """

  Scenario: with process.noDeprecation calling crypto.Hash and crypto.Hmac warns on no line
    When the program "crypto_deprecations" runs with "no-deprecation"
    Then the program exits with code 0
    And the program prints:
      """
      a Hash and an Hmac
      warnings none
      """
