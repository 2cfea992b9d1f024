@buffer
Feature: The 8 KiB pool behind small Buffers
  Node keeps one pre-allocated ArrayBuffer of Buffer.poolSize (8192) bytes and hands out slices of it
  for allocUnsafe(n) with 0 < n < poolSize >>> 1 (4096), for Buffer.from(string | array | buffer) and
  for concat; the offset is rounded up to a multiple of 8; a pool without room is replaced by a new
  one. Buffer.alloc, allocUnsafeSlow and Buffer.of never use it. The pool is observable through
  byteOffset and buffer.byteLength.

  To start from a known state, scenarios first empty the current pool: with Buffer.poolSize raised to
  16388 (threshold 8194), allocUnsafe(8193) is pooled but cannot fit in any 8 KiB pool, so it makes a
  16388-byte one and leaves 8188 bytes; back at 8192, allocUnsafe(4095) takes 4096 of them and the
  next allocUnsafe(4095) no longer fits: it starts a fresh 8 KiB pool at offset 0. Each step runs in
  one synchronous turn, so nothing else allocates in between.

  Background:
    Given in one synchronous turn:
      """
      Buffer.poolSize = 16388
      big = Buffer.allocUnsafe(8193)
      Buffer.poolSize = 8192
      half = Buffer.allocUnsafe(4095)
      fresh = Buffer.allocUnsafe(4095)
      """

  @claim:buffer-22 @claim:buffer-23
  Scenario: Buffer.poolSize is 8192 and a fresh pool is an 8192-byte ArrayBuffer
    Then Buffer.poolSize is 8192
    And fresh.byteOffset is 0
    And fresh.buffer.byteLength is 8192

  @claim:buffer-25
  Scenario: When the pool has no room left, the next small Buffer starts a new pool at offset 0
    Then half.buffer is the same object as big.buffer
    And fresh.buffer is not the same object as half.buffer
    And half.byteOffset is 8200
    And fresh.byteOffset is 0

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
    Then a.byteOffset is 4096
    And b.byteOffset is 4104
    And c.byteOffset is 4112
    And d.byteOffset is 4128
    And e.byteOffset is 4136
    And f.byteOffset is 4144
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
      | size  | bytes | offset |
      | 4095  | 8192  | 4096   |
      | 4096  | 4096  | 0      |
      | 10000 | 10000 | 0      |

  @claim:buffer-24 @erratum
  Scenario: Buffer.alloc(2 * 1024) has memory of its own, while allocUnsafe(2048) is a slice of the pool
    When in one synchronous turn:
      """
      zeroed = Buffer.alloc(2048)
      unsafe = Buffer.allocUnsafe(2048)
      """
    Then zeroed.buffer.byteLength is 2048
    And zeroed.byteOffset is 0
    And unsafe.buffer.byteLength is 8192
    And unsafe.byteOffset is 4096

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
    Then fits.byteOffset is 8136
    And s.byteOffset is 0
    And s.length is 15
    And s.buffer is not the same object as fresh.buffer

  Scenario: Only the bytes Buffer.from(string) really wrote are taken from the pool
    When in one synchronous turn:
      """
      s = Buffer.from('é')
      next = Buffer.allocUnsafe(1)
      """
    Then s.byteOffset is 4096
    And s.length is 2
    And next.byteOffset is 4104

  Scenario: A pooled Buffer's buffer is the whole pool, and its subarray keeps the pool offset
    When in one synchronous turn:
      """
      s = Buffer.from('abc')
      """
    Then s.buffer.byteLength is 8192
    And s.subarray(1).byteOffset is 4097
    And s.subarray(1).buffer is the same object as s.buffer

  Scenario: Lowering Buffer.poolSize at run time changes the threshold at once but not the current pool
    When in one synchronous turn:
      """
      Buffer.poolSize = 100
      pooled = Buffer.allocUnsafe(49)
      own = Buffer.allocUnsafe(50)
      """
    Then pooled.buffer is the same object as fresh.buffer
    And pooled.buffer.byteLength is 8192
    And own.buffer.byteLength is 50

  Scenario: Raising Buffer.poolSize makes the next new pool that large
    When in one synchronous turn:
      """
      Buffer.poolSize = 65536
      first = Buffer.allocUnsafe(6000)
      second = Buffer.allocUnsafe(6000)
      """
    Then first.buffer.byteLength is 65536
    And first.byteOffset is 0
    And second.byteOffset is 6000
