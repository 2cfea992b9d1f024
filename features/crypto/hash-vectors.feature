@crypto
Feature: Hash known-answer tests (RFC 1321, FIPS 180-2)
  createHash(alg).update(message).digest('hex') for the published messages. The messages are ASCII, so
  update's default UTF-8 encoding gives the published bytes.

  Sources:
  - RFC 1321, "The MD5 Message-Digest Algorithm" (1992), appendix A.5, the test suite.
  - FIPS PUB 180-2, "Secure Hash Standard" (2002), appendices A–D ("abc", the 448-bit and 896-bit
    messages, one million 'a'), and its change notice for SHA-224.

  @vector
  Scenario Outline: <source>: <alg>('<message>') is <digest>
    When I hash '<message>' with <alg>
    Then the digest is <digest>

    Examples:
      | source | alg | message | digest |
      | RFC 1321 A.5 | md5 |  | d41d8cd98f00b204e9800998ecf8427e |
      | RFC 1321 A.5 | md5 | a | 0cc175b9c0f1b6a831c399e269772661 |
      | RFC 1321 A.5 | md5 | abc | 900150983cd24fb0d6963f7d28e17f72 |
      | RFC 1321 A.5 | md5 | message digest | f96b697d7cb7938d525a2f31aaf161d0 |
      | RFC 1321 A.5 | md5 | abcdefghijklmnopqrstuvwxyz | c3fcd3d76192e4007dfb496cca67e13b |
      | RFC 1321 A.5 | md5 | ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 | d174ab98d277d9f5a5611c2c9f419d9f |
      | RFC 1321 A.5 | md5 | 12345678901234567890123456789012345678901234567890123456789012345678901234567890 | 57edf4a22be3c955ac49da2e2107b67a |
      | FIPS 180-2 appendix A.1 | sha1 | abc | a9993e364706816aba3e25717850c26c9cd0d89d |
      | FIPS 180-2 appendix A.2 | sha1 | abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq | 84983e441c3bd26ebaae4aa1f95129e5e54670f1 |
      | FIPS 180-2 change notice, appendix | sha224 | abc | 23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7 |
      | FIPS 180-2 appendix B.1 | sha256 | abc | ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad |
      | FIPS 180-2 appendix B.2 | sha256 | abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq | 248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1 |
      | FIPS 180-2 appendix D.1 | sha384 | abc | cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7 |
      | FIPS 180-2 appendix C.1 | sha512 | abc | ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f |
      | FIPS 180-2 appendix C.2 | sha512 | abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu | 8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909 |

  @vector @slow
  Scenario Outline: <source>: <alg> of one million 'a' is <digest>
    When I hash 'a'.repeat(1000000) with <alg>
    Then the digest is <digest>

    Examples:
      | source | alg | digest |
      | RFC 1321 (one million 'a') | md5 | 7707d6ae4e027c70eea2a935c2296f21 |
      | FIPS 180-2 appendix A.3 | sha1 | 34aa973cd4c4daa4f61eeb2bdbad27316534016f |
      | FIPS 180-2 appendix B.3 | sha256 | cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0 |
