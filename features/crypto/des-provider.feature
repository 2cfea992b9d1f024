@crypto
Feature: Single DES needs OpenSSL's legacy provider on Node.js 20
  Node.js 20 links OpenSSL 3, which moved single DES (des-ecb, des-cbc…) to its "legacy" provider.
  Without `node --openssl-legacy-provider` creating a DES cipher or decipher throws
  ERR_OSSL_EVP_UNSUPPORTED; with the flag it works (the scenarios tagged @legacy-provider run Node with
  it). Triple DES stays in the default provider.

  @claim:crypto-12 @claim:crypto-11 @erratum
  Scenario: without the legacy provider createCipheriv('des-ecb') throws ERR_OSSL_EVP_UNSUPPORTED
    When I try cipher = crypto.createCipheriv('des-ecb', '12345678', '')
    Then it throws ERR_OSSL_EVP_UNSUPPORTED (Error)
    And the error's message is 'error:0308010C:digital envelope routines::unsupported'

  @claim:crypto-12
  Scenario: without the legacy provider createDecipheriv('des-ecb') is refused as well
    When I try decipher = crypto.createDecipheriv('des-ecb', '12345678', '')
    Then it throws ERR_OSSL_EVP_UNSUPPORTED (Error)

  @claim:crypto-12
  Scenario: without the legacy provider des-cbc is refused as well
    When I try cipher = crypto.createCipheriv('des-cbc', '12345678', '12345678')
    Then it throws ERR_OSSL_EVP_UNSUPPORTED (Error)

  Scenario: the IV is checked before the provider, so des-ecb with an 8-byte IV is an invalid IV even without the flag
    When I try cipher = crypto.createCipheriv('des-ecb', '12345678', '12345678')
    Then it throws ERR_CRYPTO_INVALID_IV (TypeError)

  Scenario: the provider is checked before the key, so a 7-byte DES key is refused as unsupported without the flag
    When I try cipher = crypto.createCipheriv('des-ecb', '1234567', '')
    Then it throws ERR_OSSL_EVP_UNSUPPORTED (Error)

  @legacy-provider
  Scenario: with the legacy provider a 7-byte DES key is an invalid key length
    When I try cipher = crypto.createCipheriv('des-ecb', '1234567', '')
    Then it throws ERR_CRYPTO_INVALID_KEYLEN (RangeError)

  @claim:crypto-02 @claim:crypto-12
  Scenario: without the legacy provider getCiphers() lists triple DES but not single DES
    When I try crypto.getCiphers()
    Then it does not include 'des-ecb', 'des-cbc', 'des'
    And it includes 'des-ede3-cbc', 'des-ede3', 'aes-256-gcm'

  Scenario Outline: getCiphers() lists GCM's OpenSSL alias as '<alias>'
    When I try crypto.getCiphers()
    Then it includes '<alias>'
    And it does not include '<other>'

    Examples: spelled as OpenSSL 3 fetches it from Node 24
      | node  | alias         | other         |
      | 20-22 | id-aes128-GCM | id-aes128-gcm |
      | >=24  | id-aes128-gcm | id-aes128-GCM |

  @legacy-provider @claim:crypto-02
  Scenario: with the legacy provider getCiphers() lists des-ecb and des-cbc
    When I try crypto.getCiphers()
    Then it includes 'des-ecb', 'des-cbc', 'des'

  @legacy-provider
  Scenario: with the legacy provider cipher names are case-insensitive: 'DES-ECB' is des-ecb
    Given cipher = crypto.createCipheriv('DES-ECB', '12345678', '')
    When I try cipher.update('hello world !!!', 'utf8', 'hex')
    And I try cipher.final('hex')
    Then the outputs of cipher joined are '28dba02eb5f6dd478852f80ed9fa959e'

  Scenario: triple DES needs no flag, and des-ede3 under the key K‖K‖K is single DES under K
    Given cipher = crypto.createCipheriv('des-ede3', '123456781234567812345678', '')
    When I try cipher.update('hello world !!!', 'utf8', 'hex')
    And I try cipher.final('hex')
    Then the outputs of cipher joined are '28dba02eb5f6dd478852f80ed9fa959e'

  Scenario: des-ede3-cbc with three different keys round-trips without the flag
    Given cipher = crypto.createCipheriv('des-ede3-cbc', hex 0123456789abcdef23456789abcdef01456789abcdef0123, hex 1234567890abcdef)
    When I try cipher.update('Now is the time for all ', 'utf8', 'hex')
    And I try cipher.final('hex')
    Then the outputs of cipher joined are 'f3c0ff026c023089656fbb169def7edb30ba36075d6f0176c55961ed6a941845'
