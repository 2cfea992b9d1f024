@crypto
Feature: The source document's cipher and MD5 examples, settled on Node.js 20
  The study note's Crypto section encrypts 'hello world !!!' with DES-ECB under the key '12345678',
  decrypts it again, and hashes '123456789' with MD5. Each of its claims is checked here against
  Node.js 20; where Node disagrees the scenario says what Node does (see features/claims/crypto.toml).

  @claim:crypto-05 @claim:crypto-11 @erratum
  Scenario: the document's cipher name 'desc-ecb' is an unknown cipher
    When I try cipher = crypto.createCipheriv('desc-ecb', '12345678', '')
    Then it throws ERR_CRYPTO_UNKNOWN_CIPHER (Error)
    And the error's message is 'Unknown cipher'

  @claim:crypto-05
  Scenario: 'desc-ecb' is an unknown cipher to createDecipheriv as well
    When I try decipher = crypto.createDecipheriv('desc-ecb', '12345678', '')
    Then it throws ERR_CRYPTO_UNKNOWN_CIPHER (Error)

  @legacy-provider @claim:crypto-10 @claim:crypto-07 @erratum
  Scenario: the document's DES-ECB example gives 28dba02eb5f6dd478852f80ed9fa959e, not the value it prints
    Given cipher = crypto.createCipheriv('des-ecb', '12345678', '')
    When I try cipher.update('hello world !!!', 'uft8', 'hex')
    And I try cipher.final('hex')
    Then the outputs of cipher are ['28dba02eb5f6dd47', '8852f80ed9fa959e']

  @legacy-provider @claim:crypto-10
  Scenario: the printed 81c66a1d… is DES-ECB under key e10adc3949ba59ab of 'hello world ！！！' with fullwidth marks
    Given cipher = crypto.createCipheriv('des-ecb', hex e10adc3949ba59ab, '')
    When I try cipher.update('hello world ！！！', 'utf8', 'hex')
    And I try cipher.final('hex')
    Then the outputs of cipher joined are '81c66a1d39d302205c55f0afac95c06bc985155d4ddb751c'

  @node:20
  Scenario: on Node 20 createCipher('aes-128-cbc', 'password') derives its IV from the password too (EVP_BytesToKey)
    Given cipher = crypto.createCipher('aes-128-cbc', 'password')
    When I try cipher.update('hello world', 'utf8', 'hex')
    And I try cipher.final('hex')
    Then the outputs of cipher joined are 'f199de1656b79f4f9ca59244eb3a7c8f'

  @node:20 @legacy-provider @claim:crypto-10
  Scenario: on Node 20 the deprecated createCipher('des-ecb', '123456') prints the document's 81c66a1d… for the fullwidth text
    Given cipher = crypto.createCipher('des-ecb', '123456')
    When I try cipher.update('hello world ！！！', 'utf8', 'hex')
    And I try cipher.final('hex')
    Then the outputs of cipher joined are '81c66a1d39d302205c55f0afac95c06bc985155d4ddb751c'

  @node:20 @legacy-provider @claim:crypto-10
  Scenario: on Node 20 createDecipher('des-ecb', '123456') turns the printed value back into the fullwidth text
    Given decipher = crypto.createDecipher('des-ecb', '123456')
    When I try decipher.update('81c66a1d39d302205c55f0afac95c06bc985155d4ddb751c', 'hex', 'utf8')
    And I try decipher.final('utf8')
    Then the outputs of decipher joined are 'hello world ！！！'

  @node:>=22 @claim:crypto-10
  Scenario: from Node 22 on createCipher and createDecipher are gone
    When I try typeof crypto.createCipher
    Then it is 'undefined'
    When I try typeof crypto.createDecipher
    Then it is 'undefined'

  @claim:crypto-10
  Scenario: e10adc3949ba59ab, the key that gives the printed value, is the first half of MD5('123456')
    When I hash '123456' with md5
    Then the digest is e10adc3949ba59abbe56e057f20f883e

  @legacy-provider @claim:crypto-10
  Scenario: under the document's key '12345678' the fullwidth text gives 28dba02eb5f6dd479a6144f98622a55caa67f06240f93005
    Given cipher = crypto.createCipheriv('des-ecb', '12345678', '')
    When I try cipher.update('hello world ！！！', 'utf8', 'hex')
    And I try cipher.final('hex')
    Then the outputs of cipher joined are '28dba02eb5f6dd479a6144f98622a55caa67f06240f93005'

  @legacy-provider @claim:crypto-10 @claim:crypto-13
  Scenario: the printed 81c66a1d… does not decrypt under key '12345678': final throws bad decrypt
    Given decipher = crypto.createDecipheriv('des-ecb', '12345678', '')
    When I try decipher.update('81c66a1d39d302205c55f0afac95c06bc985155d4ddb751c', 'hex', 'utf8')
    And I try decipher.final('utf8')
    Then it throws ERR_OSSL_BAD_DECRYPT (Error)
    And the error's message is 'error:1C800064:Provider routines::bad decrypt'

  @legacy-provider @claim:crypto-13 @claim:crypto-03
  Scenario: the document's decipher recovers 'hello world !!!', holding back the last block until final
    Given decipher = crypto.createDecipheriv('des-ecb', '12345678', '')
    When I try decipher.update('28dba02eb5f6dd478852f80ed9fa959e', 'hex', 'utf8')
    And I try decipher.final('utf8')
    Then the outputs of decipher are ['hello wo', 'rld !!!']

  @legacy-provider @claim:crypto-10 @claim:crypto-13
  Scenario: under its real key the printed value decrypts to the fullwidth text, a character held back across the call
    Given decipher = crypto.createDecipheriv('des-ecb', hex e10adc3949ba59ab, '')
    When I try decipher.update('81c66a1d39d302205c55f0afac95c06bc985155d4ddb751c', 'hex', 'utf8')
    And I try decipher.final('utf8')
    Then the outputs of decipher are ['hello world ！', '！！']

  @legacy-provider @claim:crypto-13
  Scenario: the document's decipher with a wrong key ('87654321') throws bad decrypt at final
    Given decipher = crypto.createDecipheriv('des-ecb', '87654321', '')
    When I try decipher.update('28dba02eb5f6dd478852f80ed9fa959e', 'hex', 'utf8')
    And I try decipher.final('utf8')
    Then it throws ERR_OSSL_BAD_DECRYPT (Error)

  @claim:crypto-07 @erratum
  Scenario: the input encoding 'uft8' is read as UTF-8
    Given cipher = crypto.createCipheriv('aes-128-ecb', '0123456789abcdef', '')
    When I try cipher.update('h\u00e9\u20ac', 'uft8', 'hex')
    And I try cipher.final('hex')
    Then the outputs of cipher joined are 'df95461e898fec3a58a7cba51c43c26a'

  @claim:crypto-07
  Scenario: as an output encoding 'uft8' throws ERR_UNKNOWN_ENCODING
    Given cipher = crypto.createCipheriv('aes-128-ecb', '0123456789abcdef', '')
    When I try cipher.update('abc', 'utf8', 'uft8')
    Then it throws ERR_UNKNOWN_ENCODING (TypeError)

  @claim:crypto-21 @erratum
  Scenario: the document's md5 helper returns the Hash object that update returns, not a digest
    Given hash = crypto.createHash('md5')
    When I try hash.update('123456789', 'utf8')
    Then it is hash
    And typeof hash is 'object'
    And hash instanceof crypto.Hash is true

  @claim:crypto-22 @erratum
  Scenario: md5('123456789').toUpperCase() throws a TypeError, as a Hash has no toUpperCase
    Given hash = crypto.createHash('md5')
    When I try hash.update('123456789', 'utf8')
    And I try hash.toUpperCase()
    Then it throws a TypeError without a code

  @claim:crypto-21 @claim:crypto-22
  Scenario: the MD5 of '123456789' is 25f9e794323b453885f5181f1b624d0b once digested
    Given hash = crypto.createHash('md5')
    When I try hash.update('123456789', 'utf8')
    And I try hash.digest('hex')
    Then it is '25f9e794323b453885f5181f1b624d0b'

  @claim:crypto-19 @erratum
  Scenario: digest() without an encoding returns a Buffer, not a 'binary' string
    Given hash = crypto.createHash('md5')
    When I try hash.update('abc')
    And I try hash.digest()
    Then it is hex 900150983cd24fb0d6963f7d28e17f72

  @claim:crypto-19 @claim:crypto-20
  Scenario: digest('binary') is the latin1 string of the digest's bytes
    Given hash = crypto.createHash('md5')
    When I try hash.update('abc')
    And I try hash.digest('binary')
    Then it is '\u0090\u0001P\u0098<\u00d2O\u00b0\u00d6\u0096?}(\u00e1\u007fr'

  @claim:crypto-20
  Scenario Outline: digest('<encoding>') of MD5('abc') is <digest>
    Given hash = crypto.createHash('md5')
    When I try hash.update('abc')
    And I try hash.digest('<encoding>')
    Then it is '<digest>'

    Examples:
      | encoding  | digest                           |
      | hex       | 900150983cd24fb0d6963f7d28e17f72 |
      | HEX       | 900150983cd24fb0d6963f7d28e17f72 |
      | base64    | kAFQmDzST7DWlj99KOF/cg==         |
      | base64url | kAFQmDzST7DWlj99KOF_cg           |

  @claim:crypto-20
  Scenario: digest() with an encoding Node does not know returns a Buffer
    Given hash = crypto.createHash('md5')
    When I try hash.update('abc')
    And I try hash.digest('bogus')
    Then it is hex 900150983cd24fb0d6963f7d28e17f72

  @claim:crypto-14
  Scenario Outline: an MD5 digest is 16 bytes, 32 hex characters, for <input>
    Given hash = crypto.createHash('md5')
    When I try hash.update(<input>)
    And I try hash.digest('hex')
    Then it is a string of 32 characters

    Examples:
      | input                                 |
      | ''                                    |
      | 'a'                                   |
      | 'hello world, hello world, hello world, hello world' |

  @claim:crypto-15 @erratum
  Scenario: two different messages have the same MD5 (Wang and Yu's 2004 collision), and different SHA-256
    When I hash hex d131dd02c5e6eec4693d9a0698aff95c2fcab58712467eab4004583eb8fb7f8955ad340609f4b30283e488832571415a085125e8f7cdc99fd91dbdf280373c5bd8823e3156348f5bae6dacd436c919c6dd53e2b487da03fd02396306d248cda0e99f33420f577ee8ce54b67080a80d1ec69821bcb6a8839396f9652b6ff72a70 with md5
    Then the digest is 79054025255fb1a26e4bc422aef54eb4
    When I hash hex d131dd02c5e6eec4693d9a0698aff95c2fcab50712467eab4004583eb8fb7f8955ad340609f4b30283e4888325f1415a085125e8f7cdc99fd91dbd7280373c5bd8823e3156348f5bae6dacd436c919c6dd53e23487da03fd02396306d248cda0e99f33420f577ee8ce54b67080280d1ec69821bcb6a8839396f965ab6ff72a70 with md5
    Then the digest is 79054025255fb1a26e4bc422aef54eb4
    When I hash hex d131dd02c5e6eec4693d9a0698aff95c2fcab58712467eab4004583eb8fb7f8955ad340609f4b30283e488832571415a085125e8f7cdc99fd91dbdf280373c5bd8823e3156348f5bae6dacd436c919c6dd53e2b487da03fd02396306d248cda0e99f33420f577ee8ce54b67080a80d1ec69821bcb6a8839396f9652b6ff72a70 with sha256
    Then the digest is 8d12236e5c4ed9f4e790db4d868fd5c399df267e18ff65c1107c328228cffc98
    When I hash hex d131dd02c5e6eec4693d9a0698aff95c2fcab50712467eab4004583eb8fb7f8955ad340609f4b30283e4888325f1415a085125e8f7cdc99fd91dbd7280373c5bd8823e3156348f5bae6dacd436c919c6dd53e23487da03fd02396306d248cda0e99f33420f577ee8ce54b67080280d1ec69821bcb6a8839396f965ab6ff72a70 with sha256
    Then the digest is b9fef2a8fc93b05e7701e97196fda6c4fbeea25ff8e64fdfee7015eca8fa617d

  @claim:crypto-16
  Scenario: MD5 is a hash, not a cipher: createDecipheriv('md5') is an unknown cipher
    When I try decipher = crypto.createDecipheriv('md5', '0123456789abcdef', '')
    Then it throws ERR_CRYPTO_UNKNOWN_CIPHER (Error)

  @claim:crypto-01
  Scenario Outline: crypto offers <function> as a function
    When I try typeof crypto.<function>
    Then it is 'function'

    Examples:
      | function         |
      | createHash       |
      | createHmac       |
      | createCipheriv   |
      | createDecipheriv |

  @claim:crypto-03
  Scenario: what aes-256-cbc encrypts, a decipher with the same key and IV decrypts
    Given cipher = crypto.createCipheriv('aes-256-cbc', '0123456789abcdef0123456789abcdef', 'abcdef9876543210')
    When I try cipher.update('A encrypts, B decrypts with the same key', 'utf8', 'base64')
    And I try cipher.final('base64')
    Then the outputs of cipher joined are 'udusOXQtsZqBc8r8XkZy6Uh0RUSMNHKj7tVALdOm9xa1N5KPjR5rRPUH9Ft+7FSV'
    Given decipher = crypto.createDecipheriv('aes-256-cbc', '0123456789abcdef0123456789abcdef', 'abcdef9876543210')
    When I try decipher.update('udusOXQtsZqBc8r8XkZy6Uh0RUSMNHKj7tVALdOm9xa1N5KPjR5rRPUH9Ft+7FSV', 'base64', 'utf8')
    And I try decipher.final('utf8')
    Then the outputs of decipher joined are 'A encrypts, B decrypts with the same key'

  @node:20 @program
  Scenario: on Node 20 createCipher warns DEP0106 once per process, and "Use Cipheriv" for each counter-mode cipher
    When the program "create_cipher_warnings" runs
    Then the program exits with code 0
    And the program prints:
      """
      warning DeprecationWarning DEP0106 crypto.createCipher is deprecated.
      warning Warning - Use Cipheriv for counter mode of aes-128-ctr
      warning Warning - Use Cipheriv for counter mode of aes-256-gcm
      """

  @node:20 @program
  Scenario: on Node 20 a createDecipher before any createCipher gives DEP0106 its own message, once for both
    When the program "create_cipher_warnings" runs with "decipher-first"
    Then the program exits with code 0
    And the program prints:
      """
      warning DeprecationWarning DEP0106 crypto.createDecipher is deprecated.
      """

  @node:20
  Scenario: on Node 20 createCipher checks the password, then authTagLength, then the cipher's name
    When I try crypto.createCipher('nope', 'pw', {authTagLength: -1})
    Then it throws ERR_INVALID_ARG_VALUE (TypeError)
    And the error's message is "The property 'options.authTagLength' is invalid. Received -1"
    When I try crypto.createCipher('aes-128-cbc', 5, {authTagLength: -1})
    Then it throws ERR_INVALID_ARG_TYPE (TypeError)
