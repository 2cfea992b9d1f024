@crypto
Feature: AES known-answer tests (FIPS-197 and NIST SP 800-38A)
  AES-128, -192 and -256 in ECB, CBC and CTR modes, with padding off so that the ciphertext is exactly
  the published one, and decryption gives the plaintext back.

  Sources:
  - FIPS PUB 197, "Advanced Encryption Standard" (2001): appendix B (the cipher example) and
    appendix C.1–C.3 (example vectors for each key size).
  - NIST SP 800-38A, "Recommendation for Block Cipher Modes of Operation" (2001), appendix F: F.1
    (ECB), F.2 (CBC) and F.5 (CTR), four blocks each; the CTR initial counter block is
    f0f1…feff.

  @vector
  Scenario Outline: <source>: <alg> encrypts <plaintext> to <ciphertext>
    When I encrypt hex <plaintext> with <alg>, key hex <key>, IV <iv> and no padding
    Then the ciphertext is <ciphertext>
    When I decrypt hex <ciphertext> with <alg>, key hex <key>, IV <iv> and no padding
    Then the plaintext is <plaintext>

    Examples:
      | source | alg | key | iv | plaintext | ciphertext |
      | FIPS-197 appendix C.1 | aes-128-ecb | 000102030405060708090a0b0c0d0e0f | hex | 00112233445566778899aabbccddeeff | 69c4e0d86a7b0430d8cdb78070b4c55a |
      | FIPS-197 appendix C.2 | aes-192-ecb | 000102030405060708090a0b0c0d0e0f1011121314151617 | hex | 00112233445566778899aabbccddeeff | dda97ca4864cdfe06eaf70a0ec0d7191 |
      | FIPS-197 appendix C.3 | aes-256-ecb | 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f | hex | 00112233445566778899aabbccddeeff | 8ea2b7ca516745bfeafc49904b496089 |
      | FIPS-197 appendix B | aes-128-ecb | 2b7e151628aed2a6abf7158809cf4f3c | hex | 3243f6a8885a308d313198a2e0370734 | 3925841d02dc09fbdc118597196a0b32 |
      | SP 800-38A F.1.1 ECB-AES128 | aes-128-ecb | 2b7e151628aed2a6abf7158809cf4f3c | hex | 6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710 | 3ad77bb40d7a3660a89ecaf32466ef97f5d3d58503b9699de785895a96fdbaaf43b1cd7f598ece23881b00e3ed0306887b0c785e27e8ad3f8223207104725dd4 |
      | SP 800-38A F.1.3 ECB-AES192 | aes-192-ecb | 8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b | hex | 6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710 | bd334f1d6e45f25ff712a214571fa5cc974104846d0ad3ad7734ecb3ecee4eefef7afd2270e2e60adce0ba2face6444e9a4b41ba738d6c72fb16691603c18e0e |
      | SP 800-38A F.1.5 ECB-AES256 | aes-256-ecb | 603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4 | hex | 6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710 | f3eed1bdb5d2a03c064b5a7e3db181f8591ccb10d410ed26dc5ba74a31362870b6ed21b99ca6f4f9f153e7b1beafed1d23304b7a39f9f3ff067d8d8f9e24ecc7 |
      | SP 800-38A F.2.1 CBC-AES128 | aes-128-cbc | 2b7e151628aed2a6abf7158809cf4f3c | hex 000102030405060708090a0b0c0d0e0f | 6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710 | 7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b273bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7 |
      | SP 800-38A F.2.3 CBC-AES192 | aes-192-cbc | 8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b | hex 000102030405060708090a0b0c0d0e0f | 6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710 | 4f021db243bc633d7178183a9fa071e8b4d9ada9ad7dedf4e5e738763f69145a571b242012fb7ae07fa9baac3df102e008b0e27988598881d920a9e64f5615cd |
      | SP 800-38A F.2.5 CBC-AES256 | aes-256-cbc | 603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4 | hex 000102030405060708090a0b0c0d0e0f | 6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710 | f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d39f23369a9d9bacfa530e26304231461b2eb05e2c39be9fcda6c19078c6a9d1b |
      | SP 800-38A F.5.1 CTR-AES128 | aes-128-ctr | 2b7e151628aed2a6abf7158809cf4f3c | hex f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff | 6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710 | 874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff5ae4df3edbd5d35e5b4f09020db03eab1e031dda2fbe03d1792170a0f3009cee |
      | SP 800-38A F.5.3 CTR-AES192 | aes-192-ctr | 8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b | hex f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff | 6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710 | 1abc932417521ca24f2b0459fe7e6e0b090339ec0aa6faefd5ccc2c6f4ce8e941e36b26bd1ebc670d1bd1d665620abf74f78a7f6d29809585a97daec58c6b050 |
      | SP 800-38A F.5.5 CTR-AES256 | aes-256-ctr | 603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4 | hex f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff | 6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710 | 601ec313775789a5b7a7f504bbf3d228f443e3ca4d62b59aca84e990cacaf5c52b0930daa23de94ce87017ba2d84988ddfc9c58db67aada613c2dd08457941a6 |
