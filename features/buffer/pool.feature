@buffer
Feature: The pool behind small Buffers
  Node keeps one pre-allocated ArrayBuffer and hands out slices of it for allocUnsafe(n) with
  0 < n < Buffer.poolSize >>> 1, for Buffer.from(string | array | buffer) and for concat; the offset is
  rounded up to a multiple of 8; a pool without room is replaced by a new one of the current
  Buffer.poolSize. Buffer.alloc, allocUnsafeSlow and Buffer.of never use it. The pool is observable
  through byteOffset and buffer.byteLength.

  Buffer.poolSize is 8 KiB up to Node 22 and 64 KiB from Node 24 (pool-size.feature). From Node 26 a
  pool's ArrayBuffer is 64 bytes larger than Buffer.poolSize and its first Buffer starts at the first
  64-byte-aligned address in it, so a fresh pool's first byteOffset is 0, 16, 32 or 48, depending on
  where the memory lies: offsets below count from that first Buffer, `fresh`.

  To start from a known state on every line, scenarios first make a fresh 8 KiB pool: with
  Buffer.poolSize at 131208 (threshold 65604), allocUnsafe(65601) is pooled but fits in no 8 or 64 KiB
  pool, so it starts a 131208-byte one; allocUnsafe(59600) leaves 6000 bytes of it; back at 8192,
  allocUnsafe(4095) takes 4096 of them and the next allocUnsafe(4095) no longer fits: it starts a fresh
  pool. Each step runs in one synchronous turn, so nothing else allocates in between.

  Background:
    Given in one synchronous turn:
      """
      Buffer.poolSize = 131208
      big = Buffer.allocUnsafe(65601)
      filler = Buffer.allocUnsafe(59600)
      Buffer.poolSize = 8192
      half = Buffer.allocUnsafe(4095)
      fresh = Buffer.allocUnsafe(4095)
      """

  @claim:buffer-22 @claim:buffer-23
  Scenario Outline: A pool made while Buffer.poolSize is 8192 is an ArrayBuffer of <bytes> bytes, its first Buffer at byteOffset <start>
    Given starts = <offsets>
    Then fresh.buffer.byteLength is <bytes>
    And starts includes fresh.byteOffset
    And fresh.length is 4095

    Examples:
      | node  | bytes | start                | offsets         |
      | 20-24 | 8192  | 0                    | [0]             |
      | >=26  | 8256  | 0, 16, 32 or 48      | [0, 16, 32, 48] |

  @claim:buffer-25
  Scenario: When the pool has no room left, the next small Buffer starts a new pool
    Then filler.buffer is the same object as big.buffer
    And half.buffer is the same object as big.buffer
    And fresh.buffer is not the same object as half.buffer
    And filler.byteOffset is big.byteOffset + 65608
    And half.byteOffset is big.byteOffset + 125208

  @claim:buffer-23 @claim:buffer-25
  Scenario: Successive pooled allocations advance the offset, rounded up to a multiple of 8
    When in one synchronous turn:
      """
      a = Buffer.allocUnsafe(1)
      b = Buffer.allocUnsafe(1)
      c = Buffer.allocUnsafe(9)
      d = Buffer.allocUnsafe(3)
      e = Buffer.allocUnsafe(8)
      f = Buffer.allocUnsafe(8)
      """
    Then a.byteOffset is fresh.byteOffset + 4096
    And b.byteOffset is fresh.byteOffset + 4104
    And c.byteOffset is fresh.byteOffset + 4112
    And d.byteOffset is fresh.byteOffset + 4128
    And e.byteOffset is fresh.byteOffset + 4136
    And f.byteOffset is fresh.byteOffset + 4144
    And f.buffer is the same object as fresh.buffer

  @claim:buffer-20 @claim:buffer-21
  Scenario Outline: Buffer.<creator> <relation> taken from the pool
    Given small = Buffer.alloc(2)
    When in one synchronous turn:
      """
      x = Buffer.<creator>
      """
    Then x.buffer <relation> the same object as fresh.buffer

    Examples:
      | creator              | relation |
      | allocUnsafe(100)     | is       |
      | allocUnsafe(4095)    | is       |
      | from('abc')          | is       |
      | from('abc', 'hex')   | is       |
      | from([1, 2, 3])      | is       |
      | from(small)          | is       |
      | concat([small])      | is       |
      | allocUnsafe(4096)    | is not   |
      | allocUnsafe(0)       | is not   |
      | alloc(100)           | is not   |
      | alloc(100, 1)        | is not   |
      | allocUnsafeSlow(100) | is not   |
      | of(1, 2)             | is not   |

  @claim:buffer-22 @claim:buffer-26
  Scenario Outline: allocUnsafe(<size>) gets an ArrayBuffer of <bytes> bytes at byteOffset <offset>
    When in one synchronous turn:
      """
      x = Buffer.allocUnsafe(<size>)
      """
    Then x.buffer.byteLength is <bytes>
    And x.byteOffset is <offset>
    And x.length is <size>

    Examples:
      | node  | size  | bytes | offset                  |
      | 20-24 | 4095  | 8192  | 4096                    |
      | >=26  | 4095  | 8256  | fresh.byteOffset + 4096 |
      |       | 4096  | 4096  | 0                       |
      |       | 10000 | 10000 | 0                       |

  @claim:buffer-24 @erratum
  Scenario: Buffer.alloc(2 * 1024) has memory of its own, while allocUnsafe(2048) is a slice of the pool
    When in one synchronous turn:
      """
      zeroed = Buffer.alloc(2048)
      unsafe = Buffer.allocUnsafe(2048)
      """
    Then zeroed.buffer.byteLength is 2048
    And zeroed.byteOffset is 0
    And unsafe.buffer is the same object as fresh.buffer
    And unsafe.byteOffset is fresh.byteOffset + 4096

  Scenario: Buffer.from(string) reserves 4 bytes per character, so it can start a new pool where allocUnsafe fits
    When in one synchronous turn:
      """
      filler = Buffer.allocUnsafe(4040)
      fits = Buffer.allocUnsafe(15)
      """
    And in one synchronous turn:
      """
      s = Buffer.from('abcdefghijklmno')
      """
    Then fits.byteOffset is fresh.byteOffset + 8136
    And fits.buffer is the same object as fresh.buffer
    And s.length is 15
    And s.buffer is not the same object as fresh.buffer

  Scenario: Only the bytes Buffer.from(string) really wrote are taken from the pool
    When in one synchronous turn:
      """
      s = Buffer.from('é')
      next = Buffer.allocUnsafe(1)
      """
    Then s.byteOffset is fresh.byteOffset + 4096
    And s.length is 2
    And next.byteOffset is fresh.byteOffset + 4104

  Scenario: A pooled Buffer's buffer is the whole pool, and its subarray keeps the pool offset
    When in one synchronous turn:
      """
      s = Buffer.from('abc')
      """
    Then s.buffer is the same object as fresh.buffer
    And s.subarray(1).byteOffset is fresh.byteOffset + 4097
    And s.subarray(1).buffer is the same object as s.buffer

  Scenario: Lowering Buffer.poolSize at run time changes the threshold at once but not the current pool
    When in one synchronous turn:
      """
      Buffer.poolSize = 100
      pooled = Buffer.allocUnsafe(49)
      own = Buffer.allocUnsafe(50)
      """
    Then pooled.buffer is the same object as fresh.buffer
    And own.buffer.byteLength is 50

  Scenario: Buffer.poolSize goes through ToUint32 at every allocation: 2 ** 32 is 0 and pools nothing, -2 pools everything, 200.5 is 200
    When in one synchronous turn:
      """
      Buffer.poolSize = 4294967296
      own = Buffer.allocUnsafe(1)
      Buffer.poolSize = -2
      pooled = Buffer.allocUnsafe(100)
      Buffer.poolSize = 200.5
      below = Buffer.allocUnsafe(99)
      at = Buffer.allocUnsafe(100)
      """
    Then own.buffer.byteLength is 1
    And pooled.buffer is the same object as fresh.buffer
    And below.buffer is the same object as fresh.buffer
    And at.buffer.byteLength is 100

  Scenario Outline: A new pool made while Buffer.poolSize is 10000.5 is an ArrayBuffer of <bytes> bytes, full past 10000
    Given starts = <offsets>
    When in one synchronous turn:
      """
      Buffer.poolSize = 10000.5
      first = Buffer.allocUnsafe(4500)
      second = Buffer.allocUnsafe(4500)
      last = Buffer.allocUnsafe(992)
      next = Buffer.allocUnsafe(1)
      """
    Then first.buffer.byteLength is <bytes>
    And starts includes first.byteOffset
    And last.buffer is the same object as first.buffer
    And last.byteOffset is first.byteOffset + 9008
    And next.buffer is not the same object as first.buffer

    Examples:
      | node  | bytes | offsets         |
      | 20-24 | 10000 | [0]             |
      | >=26  | 10064 | [0, 16, 32, 48] |

  Scenario Outline: Raising Buffer.poolSize makes the next new pool that large: an ArrayBuffer of <bytes> bytes
    Given starts = <offsets>
    When in one synchronous turn:
      """
      Buffer.poolSize = 65536
      first = Buffer.allocUnsafe(6000)
      second = Buffer.allocUnsafe(6000)
      """
    Then first.buffer.byteLength is <bytes>
    And starts includes first.byteOffset
    And second.byteOffset is first.byteOffset + 6000

    Examples:
      | node  | bytes | offsets         |
      | 20-24 | 65536 | [0]             |
      | >=26  | 65600 | [0, 16, 32, 48] |

  Scenario Outline: A pooled <kind> that exactly fills the rest of the pool still comes from it
    Given bytes = new Uint8Array(4088)
    When in one synchronous turn:
      """
      Buffer.poolSize = 131208
      big2 = Buffer.allocUnsafe(65601)
      filler2 = Buffer.allocUnsafe(59600)
      Buffer.poolSize = 8192
      half2 = Buffer.allocUnsafe(4095)
      fresh2 = Buffer.allocUnsafe(4095)
      one = Buffer.allocUnsafe(1)
      rest = <call>
      after = Buffer.allocUnsafe(1)
      """
    Then one.buffer is the same object as fresh2.buffer
    And rest.buffer is the same object as fresh2.buffer
    And rest.byteOffset is fresh2.byteOffset + 4104
    And after.buffer is not the same object as fresh2.buffer

    Examples:
      | kind                    | call                          |
      | allocUnsafe(4088)       | Buffer.allocUnsafe(4088)      |
      | copyBytesFrom of 4088   | Buffer.copyBytesFrom(bytes)   |

  Scenario Outline: Buffer.from(<string>) reserves 4 bytes per UTF-16 unit, an emoji being two: <reserved> bytes <where> the 56 left in the pool
    When in one synchronous turn:
      """
      filler = Buffer.allocUnsafe(4040)
      s = Buffer.from(<string>)
      """
    Then filler.byteOffset is fresh.byteOffset + 4096
    And s.length is <length>
    And s.buffer <relation> the same object as fresh.buffer

    Examples:
      | string             | reserved | where           | length | relation |
      | '😀'.repeat(7)     | 56       | fit in          | 28     | is       |
      | '😀'.repeat(8)     | 64       | do not fit in   | 32     | is not   |
      | 'é'.repeat(14)     | 56       | fit in          | 28     | is       |
      | 'é'.repeat(15)     | 60       | do not fit in   | 30     | is not   |
      | '😀'.repeat(8), 'latin1' | 64 | do not fit in   | 16     | is not   |

  Scenario Outline: Buffer.from(<string>, '<encoding>') has memory of its own, <memory> bytes for <length>: <why>
    When in one synchronous turn:
      """
      s = Buffer.from(<string>, '<encoding>')
      """
    Then s.length is <length>
    And s.buffer.byteLength is <memory>
    And s.byteOffset is 0
    And s.toString('hex', <last2>) is '<tail>'

    Examples:
      | string              | encoding  | length | memory | last2 | tail | why                                                                     |
      | 'ab'.repeat(2048)   | hex       | 2048   | 2048   | 2046  | abab | 4096 characters reach the threshold, whatever they decode to            |
      | 'zz'.repeat(2048)   | hex       | 0      | 2048   | 0     |      | its memory is the estimate (half the characters), not what was decoded  |
      | 'é'.repeat(2048)    | utf8      | 4096   | 4096   | 4094  | c3a9 | 2048 characters reserve 8192 bytes, and their 4096 bytes reach the threshold |
      | 'AAA '.repeat(1500) | base64    | 3375   | 4500   | 3373  | 0000 | the estimate from 6000 characters, spaces included, reaches it          |
      | 'AAA '.repeat(1500) | base64url | 3375   | 4500   | 3373  | 0000 | the estimate from 6000 characters, spaces included, reaches it          |

  Scenario: Buffer.from('a'.repeat(1024)) comes from the pool: the 4096 bytes it would reserve reach the threshold, so its 1024 bytes are reserved instead
    When in one synchronous turn:
      """
      s = Buffer.from('a'.repeat(1024))
      """
    Then s.buffer is the same object as fresh.buffer
    And s.byteOffset is fresh.byteOffset + 4096
    And s.length is 1024

  Scenario: Buffer.concat with a totalLength past its Buffers fills the rest with zeros, even over pool memory written before
    Given whole = Buffer.from(fresh.buffer).fill(1)
    When in one synchronous turn:
      """
      c = Buffer.concat([Buffer.from('a')], 3)
      """
    Then c.buffer is the same object as fresh.buffer
    And c is the bytes 61 00 00

  Scenario Outline: Buffer.from(new Uint8Array(<n>)) <relation> taken from the pool: the threshold is poolSize >>> 1, 4096
    When in one synchronous turn:
      """
      x = Buffer.from(new Uint8Array(<n>))
      """
    Then x.buffer <relation> the same object as fresh.buffer
    And x.length is <n>

    Examples:
      | n    | relation |
      | 4095 | is       |
      | 4096 | is not   |

  Scenario: Buffer.from(array) that does not fit in the rest of the pool starts a new one
    When in one synchronous turn:
      """
      filler = Buffer.allocUnsafe(4000)
      x = Buffer.from(new Uint8Array(100))
      """
    Then filler.buffer is the same object as fresh.buffer
    And x.buffer is not the same object as fresh.buffer
    And x.length is 100

  Scenario: Buffer.from(array) keeps the pool offset a multiple of 8
    When in one synchronous turn:
      """
      x = Buffer.from([1])
      next = Buffer.allocUnsafe(1)
      """
    Then x.byteOffset is fresh.byteOffset + 4096
    And next.byteOffset is fresh.byteOffset + 4104

  Scenario: Buffer.from('a'.repeat(820)) reserves 3280 bytes: with 2096 left it starts a new pool, though its 820 bytes would fit
    When in one synchronous turn:
      """
      filler = Buffer.allocUnsafe(2000)
      s = Buffer.from('a'.repeat(820))
      """
    Then filler.buffer is the same object as fresh.buffer
    And s.buffer is not the same object as fresh.buffer
    And s.length is 820

  Scenario: Buffer.from() of base64 whose estimate reaches the threshold holds the decoded bytes in memory of the estimate's size
    When in one synchronous turn:
      """
      s = Buffer.from('YWJj '.repeat(1200), 'base64')
      """
    Then s.buffer.byteLength is 4500
    And s.length is 3600
    And s.subarray(0, 6) is the bytes 61 62 63 61 62 63

  Scenario Outline: Buffer.concat([buf, 'x'], 2) <takes> the pool before it throws: <why>
    Given a = Buffer.alloc(1)
    When I try Buffer.concat([a, 'x'], 2)
    Then it throws ERR_INVALID_ARG_TYPE (TypeError)
    When in one synchronous turn:
      """
      next = Buffer.allocUnsafe(1)
      """
    Then next.byteOffset is fresh.byteOffset + <offset>

    Examples:
      | node  | takes              | offset | why                                             |
      | 20-22 | takes 8 bytes of   | 4104   | its Buffer is allocated before the items are checked |
      | >=24  | takes nothing from | 4096   | the items are checked first                     |
