@buffer
Feature: Reading and writing numbers
  The integer and floating-point read/write family: the offset defaults to 0 (a call without one
  reads or writes at the start), a write returns the offset after what it wrote, and out-of-range
  values and offsets throw ERR_OUT_OF_RANGE with Node's message, which names the bounds.

  Scenario Outline: Buffer.from(hex <bytes>).<call> is <value>
    Given b = Buffer.from('<bytes>', 'hex')
    Then b.<call> is <value>

    Examples:
      | bytes            | call                | value         |
      | 0102             | readInt16LE()       | 513           |
      | 0080             | readInt16LE(0)      | -32768        |
      | ffff             | readInt16LE()       | -1            |
      | 0102             | readInt16BE()       | 258           |
      | ff               | readInt8()          | -1            |
      | 7f               | readInt8()          | 127           |
      | ff               | readUInt8()         | 255           |
      | 0102             | readUInt16LE()      | 513           |
      | 0102             | readUint16BE()      | 258           |
      | 01020304         | readUInt32LE()      | 67305985      |
      | 01020304         | readUInt32BE()      | 16909060      |
      | ffffffff         | readInt32LE()       | -1            |
      | 01020304         | readInt32BE()       | 16909060      |
      | ab               | readUIntLE(0, 1)    | 171           |
      | ab               | readIntLE(0, 1)     | -85           |
      | 0102030405       | readUIntBE(0, 5)    | 4328719365    |
      | ffffffffffff     | readIntLE(0, 6)     | -1            |
      | 800000000000     | readIntBE(0, 6)     | -140737488355328 |
      | 010203040506     | readUIntLE(0, 6)    | 6618611909121 |
      | 0000803f         | readFloatLE()       | 1             |
      | 3f800000         | readFloatBE()       | 1             |
      | 000000000000f83f | readDoubleLE()      | 1.5           |
      | 3ff8000000000000 | readDoubleBE()      | 1.5           |
      | ffffffffffffffff | readBigInt64LE()    | -1n           |
      | 0100000000000000 | readBigUInt64LE()   | 1n            |
      | 0000000000000001 | readBigUInt64BE()   | 1n            |
      | 8000000000000000 | readBigInt64BE()    | -9223372036854775808n |

  Scenario Outline: b.<call> returns <returned> and leaves <bytes>
    Given b = Buffer.alloc(8)
    When I try b.<call>
    Then it is <returned>
    And b is the bytes <bytes>

    Examples:
      | call                         | returned | bytes                   |
      | writeUInt8(5)                | 1        | 05 00 00 00 00 00 00 00 |
      | writeUInt8(255, 1)           | 2        | 00 ff 00 00 00 00 00 00 |
      | writeInt8(-1)                | 1        | ff 00 00 00 00 00 00 00 |
      | writeUInt16LE(258)           | 2        | 02 01 00 00 00 00 00 00 |
      | writeUInt16BE(258)           | 2        | 01 02 00 00 00 00 00 00 |
      | writeUint16LE(65535)         | 2        | ff ff 00 00 00 00 00 00 |
      | writeInt16LE(-2)             | 2        | fe ff 00 00 00 00 00 00 |
      | writeInt16BE(-2)             | 2        | ff fe 00 00 00 00 00 00 |
      | writeUInt32LE(16909060)      | 4        | 04 03 02 01 00 00 00 00 |
      | writeInt32LE(-2)             | 4        | fe ff ff ff 00 00 00 00 |
      | writeInt32BE(-1)             | 4        | ff ff ff ff 00 00 00 00 |
      | writeUIntLE(0, 0, 2)         | 2        | 00 00 00 00 00 00 00 00 |
      | writeUIntLE(258, 0, 2)       | 2        | 02 01 00 00 00 00 00 00 |
      | writeUIntBE(66051, 1, 3)     | 4        | 00 01 02 03 00 00 00 00 |
      | writeUIntLE(171, 0, 1)       | 1        | ab 00 00 00 00 00 00 00 |
      | writeIntLE(-1, 0, 6)         | 6        | ff ff ff ff ff ff 00 00 |
      | writeIntBE(-2, 2, 3)         | 5        | 00 00 ff ff fe 00 00 00 |
      | writeFloatLE(1.5)            | 4        | 00 00 c0 3f 00 00 00 00 |
      | writeFloatLE(1.5, 0, true)   | 4        | 00 00 c0 3f 00 00 00 00 |
      | writeFloatBE(1.5, 4)         | 8        | 00 00 00 00 3f c0 00 00 |
      | writeDoubleLE(1.5)           | 8        | 00 00 00 00 00 00 f8 3f |
      | writeDoubleBE(1.5)           | 8        | 3f f8 00 00 00 00 00 00 |
      | writeBigUInt64LE(1n)         | 8        | 01 00 00 00 00 00 00 00 |
      | writeBigUInt64BE(1n)         | 8        | 00 00 00 00 00 00 00 01 |
      | writeBigInt64LE(-2n)         | 8        | fe ff ff ff ff ff ff ff |
      | writeBigInt64BE(-1n)         | 8        | ff ff ff ff ff ff ff ff |

  Scenario Outline: b.<call> throws <code> (<class>) naming the bounds
    Given b = Buffer.alloc(8)
    When I try b.<call>
    Then it throws <code> (<class>)
    And the error's message is '<message>'

    Examples:
      | call                                     | code                 | class      | message |
      | writeUInt8(256)                          | ERR_OUT_OF_RANGE     | RangeError | The value of "value" is out of range. It must be >= 0 and <= 255. Received 256 |
      | writeUInt8(-1)                           | ERR_OUT_OF_RANGE     | RangeError | The value of "value" is out of range. It must be >= 0 and <= 255. Received -1 |
      | writeInt8(128)                           | ERR_OUT_OF_RANGE     | RangeError | The value of "value" is out of range. It must be >= -128 and <= 127. Received 128 |
      | writeUInt16LE(65536)                     | ERR_OUT_OF_RANGE     | RangeError | The value of "value" is out of range. It must be >= 0 and <= 65535. Received 65536 |
      | writeInt16LE(32768)                      | ERR_OUT_OF_RANGE     | RangeError | The value of "value" is out of range. It must be >= -32768 and <= 32767. Received 32768 |
      | writeUInt32LE(4294967296)                | ERR_OUT_OF_RANGE     | RangeError | The value of "value" is out of range. It must be >= 0 and <= 4294967295. Received 4294967296 |
      | writeUInt32LE(-1)                        | ERR_OUT_OF_RANGE     | RangeError | The value of "value" is out of range. It must be >= 0 and <= 4294967295. Received -1 |
      | writeInt32LE(2147483648)                 | ERR_OUT_OF_RANGE     | RangeError | The value of "value" is out of range. It must be >= -2147483648 and <= 2147483647. Received 2147483648 |
      | writeUIntLE(65536, 0, 2)                 | ERR_OUT_OF_RANGE     | RangeError | The value of "value" is out of range. It must be >= 0 and <= 65535. Received 65536 |
      | writeIntLE(140737488355328, 0, 6)        | ERR_OUT_OF_RANGE     | RangeError | The value of "value" is out of range. It must be >= -(2 ** 47) and < 2 ** 47. Received 140_737_488_355_328 |
      | writeBigUInt64LE(-1n)                    | ERR_OUT_OF_RANGE     | RangeError | The value of "value" is out of range. It must be >= 0n and < 2n ** 64n. Received -1n |
      | writeBigUInt64LE(18446744073709551616n)  | ERR_OUT_OF_RANGE     | RangeError | The value of "value" is out of range. It must be >= 0n and < 2n ** 64n. Received 18_446_744_073_709_551_616n |
      | writeBigInt64LE(9223372036854775808n)    | ERR_OUT_OF_RANGE     | RangeError | The value of "value" is out of range. It must be >= -(2n ** 63n) and < 2n ** 63n. Received 9_223_372_036_854_775_808n |
      | writeUInt8(1, 8)                         | ERR_OUT_OF_RANGE     | RangeError | The value of "offset" is out of range. It must be >= 0 and <= 7. Received 8 |
      | writeUInt16LE(1, 7)                      | ERR_OUT_OF_RANGE     | RangeError | The value of "offset" is out of range. It must be >= 0 and <= 6. Received 7 |
      | writeUInt8(1, '1')                       | ERR_INVALID_ARG_TYPE | TypeError  | The "offset" argument must be of type number. Received type string (\'1\') |
      | writeUInt32LE(1, 1.5)                    | ERR_OUT_OF_RANGE     | RangeError | The value of "offset" is out of range. It must be an integer. Received 1.5 |
      | writeDoubleLE(1, 1)                      | ERR_OUT_OF_RANGE     | RangeError | The value of "offset" is out of range. It must be >= 0 and <= 0. Received 1 |
      | readUInt8(8)                             | ERR_OUT_OF_RANGE     | RangeError | The value of "offset" is out of range. It must be >= 0 and <= 7. Received 8 |
      | readInt16LE(7)                           | ERR_OUT_OF_RANGE     | RangeError | The value of "offset" is out of range. It must be >= 0 and <= 6. Received 7 |
      | readUIntLE(0, 0)                         | ERR_OUT_OF_RANGE     | RangeError | The value of "byteLength" is out of range. It must be >= 1 and <= 6. Received 0 |
      | readUIntLE(0, 7)                         | ERR_OUT_OF_RANGE     | RangeError | The value of "byteLength" is out of range. It must be >= 1 and <= 6. Received 7 |
