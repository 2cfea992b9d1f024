// Node 20's createCipher/createDecipher and their process warnings: DEP0106 once per process (the two
// share the code), and "Use Cipheriv for counter mode" for each createCipher of a counter mode (CTR,
// GCM), never for a decipher. Prints the warnings of the run, in order, once they have been emitted.
// With the argument decipher-first, a createDecipher comes first: its own DEP0106 message is the one.
import crypto from 'node:crypto';

const warnings = [];
process.on('warning', (w) => warnings.push(w));
if (process.argv[2] === 'decipher-first') {
  crypto.createDecipher('aes-128-cbc', 'pw');
  crypto.createCipher('aes-128-cbc', 'pw');
} else {
  crypto.createCipher('aes-128-cbc', 'pw');
  crypto.createDecipher('aes-128-cbc', 'pw');
  crypto.createCipher('aes-128-ctr', 'pw');
  crypto.createDecipher('aes-128-ctr', 'pw');
  crypto.createCipher('aes-256-gcm', 'pw');
}
setImmediate(() => {
  for (const w of warnings) console.log(['warning', w.name, w.code ?? '-', w.message].join(' '));
});
