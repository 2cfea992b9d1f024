@crypto @legacy-provider
Feature: DES known-answer tests (single DES, with --openssl-legacy-provider)
  Single DES lives in OpenSSL 3's legacy provider: Node.js 20 computes it only when started with
  `--openssl-legacy-provider` (every scenario here is tagged for it; the refusal without the flag is in
  des-provider.feature). Padding is off, so the ciphertext is exactly the published one.

  Sources:
  - FIPS PUB 81, "DES Modes of Operation" (1980), appendix B (ECB) and C (CBC): the plaintext
    "Now is the time for all " under key 0123456789abcdef.
  - NIST SP 800-17, "Modes of Operation Validation System (MOVS)" (1998), appendix B tables: variable
    plaintext, variable key and substitution table known-answer tests.
  - J. Orlin Grabbe, "The DES Algorithm Illustrated": the worked example.

  @vector
  Scenario Outline: FIPS 81 encrypts "Now is the time for all " with <alg> to <ciphertext>
    When I encrypt <plaintext> with <alg>, key <key>, IV <iv> and no padding
    Then the ciphertext is <ciphertext>
    When I decrypt hex <ciphertext> with <alg>, key <key>, IV <iv> and no padding
    Then the plaintext is <plain_hex>

    Examples:
      | alg | key | iv | plaintext | plain_hex | ciphertext | source |
      | des-ecb | hex 0123456789abcdef | hex | 'Now is the time for all ' | 4e6f77206973207468652074696d6520666f7220616c6c20 | 3fa40e8a984d48156a271787ab8883f9893d51ec4b563b53 | FIPS 81 appendix B (ECB) |
      | des-cbc | hex 0123456789abcdef | hex 1234567890abcdef | 'Now is the time for all ' | 4e6f77206973207468652074696d6520666f7220616c6c20 | e5c7cdde872bf27c43e934008c389c0f683788499a7c05f6 | FIPS 81 appendix C (CBC) |

  @vector
  Scenario Outline: DES-ECB under key <key> encrypts <plaintext> to <ciphertext> (<source>)
    When I encrypt hex <plaintext> with des-ecb, key hex <key>, IV hex and no padding
    Then the ciphertext is <ciphertext>
    When I decrypt hex <ciphertext> with des-ecb, key hex <key>, IV hex and no padding
    Then the plaintext is <plaintext>

    Examples:
      | key | plaintext | ciphertext | source |
      | 0101010101010101 | 8000000000000000 | 95f8a5e5dd31d900 | SP 800-17 variable plaintext |
      | 0101010101010101 | 4000000000000000 | dd7f121ca5015619 | SP 800-17 variable plaintext |
      | 0101010101010101 | 2000000000000000 | 2e8653104f3834ea | SP 800-17 variable plaintext |
      | 0101010101010101 | 1000000000000000 | 4bd388ff6cd81d4f | SP 800-17 variable plaintext |
      | 0101010101010101 | 0800000000000000 | 20b9e767b2fb1456 | SP 800-17 variable plaintext |
      | 0101010101010101 | 0400000000000000 | 55579380d77138ef | SP 800-17 variable plaintext |
      | 0101010101010101 | 0200000000000000 | 6cc5defaaf04512f | SP 800-17 variable plaintext |
      | 0101010101010101 | 0100000000000000 | 0d9f279ba5d87260 | SP 800-17 variable plaintext |
      | 0101010101010101 | 0000000000000001 | 166b40b44aba4bd6 | SP 800-17 variable plaintext |
      | 8001010101010101 | 0000000000000000 | 95a8d72813daa94d | SP 800-17 variable key |
      | 4001010101010101 | 0000000000000000 | 0eec1487dd8c26d5 | SP 800-17 variable key |
      | 2001010101010101 | 0000000000000000 | 7ad16ffb79c45926 | SP 800-17 variable key |
      | 1001010101010101 | 0000000000000000 | d3746294ca6a6cf3 | SP 800-17 variable key |
      | 0801010101010101 | 0000000000000000 | 809f5f873c1fd761 | SP 800-17 variable key |
      | 0401010101010101 | 0000000000000000 | c02faffec989d1fc | SP 800-17 variable key |
      | 0201010101010101 | 0000000000000000 | 4615aa1d33e72f10 | SP 800-17 variable key |
      | 7ca110454a1a6e57 | 01a1d6d039776742 | 690f5b0d9a26939b | SP 800-17 substitution table |
      | 0131d9619dc1376e | 5cd54ca83def57da | 7a389d10354bd271 | SP 800-17 substitution table |
      | 07a1133e4a0b2686 | 0248d43806f67172 | 868ebb51cab4599a | SP 800-17 substitution table |
      | 133457799bbcdff1 | 0123456789abcdef | 85e813540f0ab405 | Grabbe, The DES Algorithm Illustrated |
