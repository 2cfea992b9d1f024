@crypto
Feature: What crypto makes of the arguments it is given
  Node's crypto converts some arguments as JavaScript does — setAutoPadding(x) is !!x, a truthy
  digest encoding becomes `${x}` — and crypto.hash() validates its own. A port that uses its host
  language's truthiness or string conversion diverges on values like [], NaN or ['hex'].
  Probed on Node 20, 22, 24 and 26.

  Scenario Outline: setAutoPadding(<value>) turns padding <state>, as !!<value> is <truth>
    Given cipher = crypto.createCipheriv('aes-128-ecb', '0123456789abcdef', '')
    When I try cipher.setAutoPadding(<value>)
    And I try cipher.final('hex')
    Then it is '<final>'

    Examples:
      | value | state | truth | final                            |
      | []    | on    | true  | 377222e061a924c591cd9c27ea163ed4 |
      | {}    | on    | true  | 377222e061a924c591cd9c27ea163ed4 |
      | '0'   | on    | true  | 377222e061a924c591cd9c27ea163ed4 |
      | NaN   | off   | false |                                  |
      | ''    | off   | false |                                  |
      | 0     | off   | false |                                  |
      | null  | off   | false |                                  |

  Scenario Outline: a Hash's digest(<encoding>) is <what>
    Given hash = crypto.createHash('md5')
    When I try hash.update('abc')
    And I try hash.digest(<encoding>)
    Then <check>

    Examples:
      | encoding    | what                                          | check                                           |
      | ['hex']     | the hex string: a truthy encoding is `${it}`  | it is '900150983cd24fb0d6963f7d28e17f72'        |
      | ['base64']  | the base64 string                             | it is 'kAFQmDzST7DWlj99KOF/cg=='                |
      | 'UCS-2'     | a UTF-16 string: names in any case            | it is '\u0190\u9850\ud23c\ub04f\u96d6\u7d3f\ue128\u727f' |
      | 'BUFFER'    | a Buffer                                      | it is hex 900150983cd24fb0d6963f7d28e17f72      |
      | true        | a Buffer: 'true' is no encoding               | it is hex 900150983cd24fb0d6963f7d28e17f72      |
      | ''          | a Buffer: '' is falsy                         | it is hex 900150983cd24fb0d6963f7d28e17f72      |
      | 0           | a Buffer: 0 is falsy                          | it is hex 900150983cd24fb0d6963f7d28e17f72      |
      | NaN         | a Buffer: NaN is falsy                        | it is hex 900150983cd24fb0d6963f7d28e17f72      |

  Scenario: an Hmac's digest(['hex']) is the hex string, as a truthy encoding becomes `${it}`
    Given hmac = crypto.createHmac('md5', 'k')
    When I try hmac.update('abc')
    And I try hmac.digest(['hex'])
    Then it is '75972c9c6569f2f407752ddb02ac79de'

  Scenario Outline: a second Hmac digest(<encoding>) is <what>
    Given hmac = crypto.createHmac('md5', 'k')
    When I try hmac.digest()
    And I try hmac.digest(<encoding>)
    Then <check>

    Examples:
      | encoding | what                                      | check                      |
      | ['hex']  | an empty string: the encoding is truthy   | it is ''                   |
      | 'BUFFER' | an empty string: only 'buffer' is a Buffer | it is ''                  |
      | 'bogus'  | an empty string, not an encoding error    | it is ''                   |
      | NaN      | an empty Buffer: NaN is falsy             | it is a Buffer of 0 bytes  |
      | ''       | an empty Buffer: '' is falsy              | it is a Buffer of 0 bytes  |

  Scenario: createHash('md5', {outputLength: 16}) is MD5: its own length may be asked for
    Given hash = crypto.createHash('md5', {outputLength: 16})
    When I try hash.update('abc')
    And I try hash.digest('hex')
    Then it is '900150983cd24fb0d6963f7d28e17f72'

  Scenario: createHash('md5', {outputLength: 15}) throws OpenSSL's ERR_OSSL_EVP_NOT_XOF_OR_INVALID_LENGTH
    When I try crypto.createHash('md5', {outputLength: 15})
    Then it throws ERR_OSSL_EVP_NOT_XOF_OR_INVALID_LENGTH (Error)
    And the error's message is 'error:030000B2:digital envelope routines::not XOF or invalid length'

  Scenario: createHash with outputLength null throws ERR_INVALID_ARG_TYPE
    When I try crypto.createHash('shake128', {outputLength: null})
    Then it throws ERR_INVALID_ARG_TYPE (TypeError)
    And the error's message is 'The "options.outputLength" property must be of type number. Received null'

  Scenario: a decipher removes a whole block of padding (the plaintext filled its blocks exactly)
    Given decipher = crypto.createDecipheriv('aes-128-ecb', '0123456789abcdef', '')
    When I try decipher.update('72727e881edcfd0100a718687909b565377222e061a924c591cd9c27ea163ed4', 'hex', 'utf8')
    And I try decipher.final('utf8')
    Then the outputs of decipher are ['0123456789abcdef', '']

  Scenario Outline: crypto.hash('<algorithm>', <data>, <options>) <outcome>
    When I try crypto.hash('<algorithm>', <data>, <options>)
    Then <check>
    And <more>

    Examples: on every line
      | algorithm | data  | options         | outcome                                        | check                                                      | more                                                                                                                                  |
      | md5       | 'abc' | ''              | decodes the digest as UTF-8 ('' is UTF-8)      | it is '\ufffd\u0001P\ufffd<\ufffdO\ufffd\u0596?}(\ufffd\u007fr' | it is a string of 15 characters                                                                                                  |
      | md5       | 'abc' | 'BUFFER'        | returns a Buffer ('buffer' in any case)        | it is hex 900150983cd24fb0d6963f7d28e17f72                 | it is a Buffer of 16 bytes                                                                                                            |
      | md5       | 'abc' | 'Hex'           | is the hex string                              | it is '900150983cd24fb0d6963f7d28e17f72'                   | it is a string of 32 characters                                                                                                       |
      | md55      | 'abc' | undefined       | names the unknown algorithm                    | it throws an Error without a code                          | the error's message is 'Digest method md55 is not supported'                                                                          |
      | md55      | 'abc' | 'bogus'         | checks the encoding before the algorithm       | it throws ERR_INVALID_ARG_VALUE (TypeError)                | the error's message is "The argument 'outputEncoding' is invalid. Received 'bogus'"                                                  |
      | md55      | 5     | 'hex'           | calls its data argument "input"                | it throws ERR_INVALID_ARG_TYPE (TypeError)                 | the error's message is 'The "input" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received type number (5)' |

    Examples: the third argument, up to Node 22 an encoding only
      | node  | algorithm | data  | options              | outcome                            | check                                      | more                                                                                                      |
      | 20-22 | md5       | 'abc' | null                 | refuses null as the encoding       | it throws ERR_INVALID_ARG_TYPE (TypeError) | the error's message is 'The "outputEncoding" argument must be of type string. Received null'              |
      | 20-22 | md5       | 'abc' | {}                   | refuses an object as the encoding  | it throws ERR_INVALID_ARG_TYPE (TypeError) | the error's message is 'The "outputEncoding" argument must be of type string. Received an instance of Object' |

    Examples: the third argument, from Node 24 an encoding or {outputEncoding, outputLength}
      | node | algorithm | data  | options                | outcome                                        | check                                       | more                                                                                                                  |
      | >=24 | md5       | 'abc' | null                   | refuses null as the options                    | it throws ERR_INVALID_ARG_TYPE (TypeError)  | the error's message is 'The "options" argument must be of type object. Received null'                                  |
      | >=24 | md5       | 'abc' | ['hex']                | refuses an array as the options                | it throws ERR_INVALID_ARG_TYPE (TypeError)  | the error's message is 'The "options" argument must be of type object. Received an instance of Array'                  |
      | >=24 | md5       | 'abc' | {}                     | takes empty options as hex                     | it is '900150983cd24fb0d6963f7d28e17f72'    | it is a string of 32 characters                                                                                        |
      | >=24 | md5       | 'abc' | {outputEncoding: null} | takes a null outputEncoding as hex             | it is '900150983cd24fb0d6963f7d28e17f72'    | it is a string of 32 characters                                                                                        |
      | >=24 | md5       | 'abc' | {outputLength: 16}     | accepts MD5's own length                       | it is '900150983cd24fb0d6963f7d28e17f72'    | it is a string of 32 characters                                                                                        |
      | >=24 | MD5       | 'abc' | {outputLength: 8}      | names the algorithm as given                   | it throws an Error without a code           | the error's message is 'Output length 8 is invalid for MD5, which does not support XOF'                                |
      | >=24 | md55      | 'abc' | {outputLength: 8}      | checks the algorithm before the length         | it throws an Error without a code           | the error's message is 'Digest method md55 is not supported'                                                           |
      | >=24 | shake128  | 'abc' | {outputLength: 0}      | gives an empty digest for length 0             | it is ''                                    | it is a string of 0 characters                                                                                         |
      | >=24 | shake128  | 'abc' | {outputLength: -1}     | refuses a negative length                      | it throws ERR_OUT_OF_RANGE (RangeError)     | the error's message is 'The value of "outputLength" is out of range. It must be >= 0 && <= 4294967295. Received -1'    |
      | >=24 | shake128  | 'abc' | {outputLength: 'x'}    | refuses a length that is not a number          | it throws ERR_INVALID_ARG_TYPE (TypeError)  | the error's message is "The \"outputLength\" argument must be of type number. Received type string ('x')"             |

  Scenario: outputLength 1e1 is the number 10: a 10-byte SHAKE128 digest
    Given hash = crypto.createHash('shake128', {outputLength: 1e1})
    When I try hash.update('abc')
    And I try hash.digest('hex')
    Then it is '5881092dd818bf5cf8a3'
