@crypto
Feature: Hash: update, digest, copy and the algorithm names
  createHash(algorithm) returns a Hash; update(data, inputEncoding) returns the same Hash (so calls
  chain); digest(encoding) finishes it, once; copy() forks its state.

  @claim:crypto-18
  Scenario: chained updates give the digest of the concatenation
    Given hash = crypto.createHash('md5')
    When I try hash.update('hello')
    And I try hash.update(' world')
    And I try hash.digest('hex')
    Then it is '5eb63bbbe01eeed093cb22bb8f5acdc3'

  @claim:crypto-18
  Scenario: update returns the hash itself
    Given hash = crypto.createHash('sha256')
    When I try hash.update('abc')
    Then it is hash

  Scenario Outline: update reads '<input>' in <encoding> as the bytes of 'abc'
    Given hash = crypto.createHash('md5')
    When I try hash.update('<input>', '<encoding>')
    And I try hash.digest('hex')
    Then it is '900150983cd24fb0d6963f7d28e17f72'

    Examples:
      | input  | encoding |
      | abc    | utf8     |
      | 616263 | hex      |
      | YWJj   | base64   |
      | abc    | latin1   |
      | abc    | bogus    |

  Scenario Outline: 'é' read as <encoding> hashes to <digest>
    Given hash = crypto.createHash('md5')
    When I try hash.update('\u00e9', '<encoding>')
    And I try hash.digest('hex')
    Then it is '<digest>'

    Examples:
      | encoding | digest                           |
      | utf8     | 66ddcd97cfdeabb2f6fb8a999b4bc76f |
      | latin1   | 3406877694691ddd1dfb0aca54681407 |
      | uft8     | 66ddcd97cfdeabb2f6fb8a999b4bc76f |

  Scenario: update with a number throws ERR_INVALID_ARG_TYPE
    Given hash = crypto.createHash('md5')
    When I try hash.update(5)
    Then it throws ERR_INVALID_ARG_TYPE (TypeError)

  Scenario: update with hex of odd length throws ERR_INVALID_ARG_VALUE
    Given hash = crypto.createHash('md5')
    When I try hash.update('abc', 'hex')
    Then it throws ERR_INVALID_ARG_VALUE (TypeError)

  @claim:crypto-19
  Scenario: digest twice throws ERR_CRYPTO_HASH_FINALIZED
    Given hash = crypto.createHash('md5')
    When I try hash.digest()
    And I try hash.digest()
    Then it throws ERR_CRYPTO_HASH_FINALIZED (Error)
    And the error's message is 'Digest already called'

  Scenario: update after digest throws ERR_CRYPTO_HASH_FINALIZED
    Given hash = crypto.createHash('md5')
    When I try hash.digest()
    And I try hash.update('a')
    Then it throws ERR_CRYPTO_HASH_FINALIZED (Error)

  Scenario: copy after digest throws ERR_CRYPTO_HASH_FINALIZED
    Given hash = crypto.createHash('md5')
    When I try hash.digest()
    And I try copy = hash.copy()
    Then it throws ERR_CRYPTO_HASH_FINALIZED (Error)

  Scenario: copy forks the state: the copy and the original go on independently
    Given hash = crypto.createHash('md5')
    When I try hash.update('a')
    And I try copy = hash.copy()
    And I try copy.update('c')
    And I try copy.digest('hex')
    Then it is 'e2075474294983e013ee4dd2201c7a73'
    When I try hash.update('b')
    And I try hash.digest('hex')
    Then it is '187ef4436122d1cc2f40dc2b92f0eba0'

  Scenario Outline: a <alg> digest is <n> bytes
    Given hash = crypto.createHash('<alg>')
    When I try hash.digest()
    Then it is a Buffer of <n> bytes

    Examples:
      | alg        | n  |
      | md5        | 16 |
      | sha1       | 20 |
      | sha224     | 28 |
      | sha256     | 32 |
      | sha384     | 48 |
      | sha512     | 64 |
      | sha3-256   | 32 |
      | ripemd160  | 20 |
      | blake2b512 | 64 |
      | shake128   | 16 |
      | shake256   | 32 |

  Scenario: SHAKE256 gives as many bytes as options.outputLength asks for
    Given hash = crypto.createHash('shake256', {outputLength: 8})
    When I try hash.update('abc')
    And I try hash.digest('hex')
    Then it is '483366601360a877'

  @claim:crypto-17
  Scenario Outline: the hash name '<name>' is understood as <alg>
    When I hash 'abc' with <name>
    Then the digest is <digest>

    Examples:
      | name       | alg    | digest                                                           |
      | MD5        | md5    | 900150983cd24fb0d6963f7d28e17f72                                 |
      | RSA-MD5    | md5    | 900150983cd24fb0d6963f7d28e17f72                                 |
      | SHA256     | sha256 | ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad |
      | sha-256    | sha256 | ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad |
      | RSA-SHA256 | sha256 | ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad |
      | sha-1      | sha1   | a9993e364706816aba3e25717850c26c9cd0d89d                         |

  @claim:crypto-17
  Scenario: an unknown hash algorithm throws an Error without a code
    When I try hash = crypto.createHash('md55')
    Then it throws an Error without a code, with the message 'Digest method not supported'

  Scenario: a hash algorithm that is not a string throws ERR_INVALID_ARG_TYPE
    When I try hash = crypto.createHash(5)
    Then it throws ERR_INVALID_ARG_TYPE (TypeError)

  @claim:crypto-17
  Scenario: without the legacy provider MD4 is refused with ERR_OSSL_EVP_UNSUPPORTED
    When I try hash = crypto.createHash('md4')
    Then it throws ERR_OSSL_EVP_UNSUPPORTED (Error)

  @legacy-provider @claim:crypto-17
  Scenario: with the legacy provider MD4 works (RFC 1320: MD4('abc'))
    When I hash 'abc' with md4
    Then the digest is a448017aaf21d8525fc10ae87aa6729d

  @claim:crypto-17 @claim:crypto-02
  @node:20-22
  Scenario: getHashes lists md5, sha1, sha256 and sha512
    When I try crypto.getHashes()
    Then it includes 'md5', 'sha1', 'sha256', 'sha512', 'RSA-SHA256', 'sha3-256'
    And it does not include 'md4', 'sha-256'
    And it.length is 52

  @node:>=24
  Scenario: getHashes lists md5, sha1, sha256 and sha512, and from Node 24 OpenSSL's own names such as sha-256
    When I try crypto.getHashes()
    Then it includes 'md5', 'sha1', 'sha256', 'sha512', 'RSA-SHA256', 'sha3-256'
    And it includes 'sha-256', 'sha2-256', 'sha-512/256', 'keccak-256', 'sha256-192', 'shake-128'
    And it does not include 'md4'
    And it.length is 81

  Scenario Outline: createHash('<name>') digests 'abc' to <digest>
    When I try crypto.createHash('<name>').update('abc').digest('hex')
    Then it is '<digest>'

    Examples: OpenSSL's names that every line knows (getHashes() lists them from Node 24)
      | name        | digest                                                           |
      | sha-1       | a9993e364706816aba3e25717850c26c9cd0d89d                         |
      | sha-256     | ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad |
      | sha2-256    | ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad |
      | sha-512/256 | 53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23 |
      | ripemd-160  | 8eb208f7e05d987a9b044a8e98c6b087f15a0bfc                         |

    @node:>=24
    Examples: names Node knows from 24, when it fetches digests from OpenSSL's providers
      | name            | digest                                                                                                                           |
      | keccak-224      | c30411768506ebe1c2871b1ee2e87d38df342317300a9b97a95ec6a8                                                                         |
      | keccak-256      | 4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45                                                                 |
      | keccak-384      | f7df1165f033337be098e7d288ad6a2f74409d7a60b49c36642218de161b1f99f8c681e4afaf31a34db29fb763e3c28e                                 |
      | keccak-512      | 18587dc2ea106b9a1563e32b3312421ca164c7f1f07bc922a9c83d77cea3a1e5d0c69910739025372dc14ac9642629379540c17e2a65b19d77aa511a9d00bb96 |
      | keccak-kmac-128 | 3bcfe6e0471a2168f61c444843e32aea0a09ec15bd9155f169189147f98c11fc                                                                 |
      | keccak-kmac-256 | f4e4a2d747910716f38c8ec58a5a50f6b0ea4ebd1e4c92a19e9b36ae640580f1fda41b8b534dfc57a1a719528dadc28e3e6181daba9dc9595e459e249b2bcd95 |
      | sha256-192      | ba7816bf8f01cfea414140de5dae2223b00361a396177a9c                                                                                 |
      | sha-256/192     | ba7816bf8f01cfea414140de5dae2223b00361a396177a9c                                                                                 |
      | sha2-256/192    | ba7816bf8f01cfea414140de5dae2223b00361a396177a9c                                                                                 |

  @node:20-22 @claim:crypto-17 @erratum
  Scenario Outline: up to Node 22 createHash('<name>') throws 'Digest method not supported', though its OpenSSL has it
    When I try crypto.createHash('<name>')
    Then it throws an Error without a code, with the message 'Digest method not supported'

    Examples:
      | name            |
      | keccak-224      |
      | keccak-256      |
      | keccak-384      |
      | keccak-512      |
      | keccak-kmac-128 |
      | keccak-kmac-256 |
      | sha256-192      |
      | sha-256/192     |
      | sha2-256/192    |

  Scenario Outline: crypto.hash('<algorithm>', 'abc', <options>) <outcome>
    When I try crypto.hash('<algorithm>', 'abc', <options>)
    Then <check>

    Examples: an options object from Node 24 (outputEncoding, outputLength)
      | node  | algorithm | options                      | outcome                                   | check                                                                                                           |
      | 20-22 | sha256    | {outputEncoding: 'base64'}   | throws ERR_INVALID_ARG_TYPE               | it throws ERR_INVALID_ARG_TYPE (TypeError)                                                                     |
      | >=24  | sha256    | {outputEncoding: 'base64'}   | is the base64 digest                      | it is 'ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0='                                                           |
      | >=24  | shake256  | {outputLength: 4}            | is a 4-byte SHAKE256 digest               | it is '48336660'                                                                                               |
      | >=24  | sha256    | {outputLength: 4}            | throws: SHA-256 has one length            | it throws an Error without a code, with the message 'Output length 4 is invalid for sha256, which does not support XOF' |
      |       | sha256    | 'base64'                     | takes the encoding as its third argument  | it is 'ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0='                                                           |

  @claim:crypto-20
  Scenario Outline: digest('<encoding>') turns the digest's bytes into a string as Buffer's toString('<encoding>') does
    Given hash = crypto.createHash('md5')
    When I try hash.update('abc')
    And I try hash.digest('<encoding>')
    Then it is '<text>'

    Examples:
      | encoding | text                                                       |
      | latin1   | \u0090\u0001P\u0098<\u00d2O\u00b0\u00d6\u0096?}(\u00e1\u007fr |
      | ascii    | \u0010\u0001P\u0018<RO0V\u0016?}(a\u007fr                  |
      | utf8     | \ufffd\u0001P\ufffd<\ufffdO\ufffd\u0596?}(\ufffd\u007fr    |
      | ucs2     | \u0190\u9850\ud23c\ub04f\u96d6\u7d3f\ue128\u727f           |
