@buffer
Feature: The size of the Buffer pool on each Node.js line
  Buffer.poolSize was 8 KiB from 2015 to Node 22; Node 24 raised it to 64 KiB (nodejs/node#63597), so
  allocations up to 32 KiB now come from the pool. Each scenario starts with the Buffer.poolSize a fresh
  process has.

  @claim:buffer-22
  Scenario Outline: In a fresh process Buffer.poolSize is <size>, so allocUnsafe(<pooled>) is pooled and allocUnsafe(<own>) is not
    When in one synchronous turn:
      """
      own = Buffer.allocUnsafe(<own>)
      pooled = Buffer.allocUnsafe(<pooled>)
      """
    Then Buffer.poolSize is <size>
    And own.buffer.byteLength is <own>
    And own.byteOffset is 0
    And pooled.buffer.byteLength is not <pooled>

    Examples:
      | node  | size  | pooled | own   |
      | 20-22 | 8192  | 4095   | 4096  |
      | >=24  | 65536 | 32767  | 32768 |
