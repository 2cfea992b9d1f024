@buffer @program
Feature: Buffers in streams, memory and HTTP, as the document uses them
  Whole programs (programs/buffer_*.mjs, and the reference's Python twins) settle the
  document's claims about where Buffer memory lives and how streams hand out Buffers. Each program
  prints key=value lines.

  @claim:buffer-30
  Scenario: The document's fs.createWriteSteam is not a function; the program corrected to createWriteStream copies the file
    When the program "buffer_pipe" runs with "4096"
    Then the program exits with code 0
    And the program's report create_write_steam is undefined
    And the program's report identical is true

  @claim:buffer-01 @claim:buffer-29 @slow
  Scenario Outline: A file of <size> bytes piped from a read stream to a write stream arrives byte for byte
    When the program "buffer_pipe" runs with "<size>"
    Then the program exits with code 0
    And the program's report identical is true
    And the program's report bytes is <size>
    And the program's report chunk_type is Buffer

    Examples:
      | size    |
      | 5243003 |
      | 1       |
      | 65536   |

  @claim:buffer-29 @slow
  Scenario Outline: The read stream delivers chunks of its highWaterMark (<hwm> bytes), the last one shorter
    When the program "buffer_pipe" runs with "1000000 <hwm>"
    Then the program exits with code 0
    And the program's report chunk_size is <hwm>
    And the program's report all_full_but_last is true
    And the program's report chunks is <chunks>
    And the program's report last_chunk is <last>

    Examples:
      | hwm    | chunks | last   |
      | 65536  | 16     | 16960  |
      | 16384  | 62     | 576    |
      | 262144 | 4      | 213568 |

  @claim:buffer-29 @slow
  Scenario: The piped streams emit open, ready, data…, end, close and pipe, open, ready, finish, unpipe, close
    When the program "buffer_pipe" runs with "3000000"
    Then the program exits with code 0
    And the program's report reader_events is open,ready,data*,end,close
    And the program's report writer_events is pipe,open,ready,finish,unpipe,close
    And the program's report end_before_finish is true

  @claim:buffer-29 @slow
  Scenario: pipe respects backpressure: the reader pauses and the writer never holds more than a chunk beyond its highWaterMark
    When the program "buffer_pipe" runs with "3000000"
    Then the program exits with code 0
    And the program's report reader_paused is true
    And the program's report pending_bounded is true

  @claim:buffer-04 @claim:buffer-20 @claim:buffer-27
  Scenario: A 32 MiB Buffer's bytes are counted as arrayBuffers, outside the heap, and are given back once it is dropped
    When the program "buffer_memory" runs
    Then the program exits with code 0
    And the program's report length is 33554432
    And the program's report array_buffers_grew is true
    And the program's report heap_grew_little is true
    And the program's report released is true

  @claim:buffer-31
  Scenario: An HTTP server answering with a ready-made Buffer and with the same 10 KB string sends the same bytes
    When the program "buffer_http" runs
    Then the program exits with code 0
    And the program's report buffer_bytes is 10240
    And the program's report string_bytes is 10240
    And the program's report buffer_content_length is 10240
    And the program's report string_content_length is 10240
    And the program's report same_body is true
