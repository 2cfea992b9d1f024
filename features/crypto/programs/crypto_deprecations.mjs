// Calling crypto.Hash / crypto.Hmac yourself, the deprecated constructors (DEP0179, DEP0181): one case
// per run, since a deprecation warns once per process. Usage: crypto_deprecations.mjs CASE. Each case
// prints what it computed, then the process warnings its turn emitted.
import crypto from 'node:crypto';

const say = (...parts) => console.log(parts.map(String).join(' '));
const warnings = [];
process.on('warning', (w) => warnings.push(w));
const thenWarnings = () => setImmediate(() => {
  if (warnings.length === 0) say('warnings none');
  for (const w of warnings) say('warning', w.name, w.code, w.message);
});

const cases = {
  'hash-new': () => say('digest', new crypto.Hash('sha256').update('abc').digest('hex')),
  'hash-call': () => say('digest', crypto.Hash('sha256').update('abc').digest('hex')),
  'hmac-new': () => say('digest', new crypto.Hmac('sha256', 'key').update('abc').digest('hex')),
  'hmac-call': () => say('digest', crypto.Hmac('sha256', 'key').update('abc').digest('hex')),
  'hash-twice': () => { crypto.Hash('sha256'); new crypto.Hash('md5'); say('two Hash objects'); },
  'hash-and-hmac': () => { crypto.Hash('sha256'); crypto.Hmac('sha256', 'key'); say('a Hash and an Hmac'); },
  'bad-algorithm': () => {
    try { crypto.Hash('no-such-hash'); } catch (e) { say('threw', e.message); }
  },
  'no-deprecation': () => { process.noDeprecation = true; crypto.Hash('sha256'); crypto.Hmac('sha256', 'key'); say('a Hash and an Hmac'); },
  factories: () => {
    const hash = crypto.createHash('sha256');
    hash.copy();
    crypto.hash('sha256', 'abc');
    const hmac = crypto.createHmac('sha256', 'key');
    say('instanceof', hash instanceof crypto.Hash, hmac instanceof crypto.Hmac);
  },
};
cases[process.argv[2]]();
thenWarnings();
