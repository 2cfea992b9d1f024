// Resolve CommonJS requires as a bundler does for the browser: a package's "browser" field replaces
// its "main" (string form) or remaps files and modules (object form; false means an empty module),
// and `require('crypto')` inside a package resolves to crypto-browserify, as bundlers alias it. Other
// built-ins (buffer, stream) stay Node's: the polyfill under test is the crypto code.
// Loaded with `node --require` for polyfills whose "main" entry only re-exports Node's own module
// (crypto-browserify's create-hash, randombytes…), so that the polyfill itself is what gets tested.
'use strict';
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');

const BUILTIN_POLYFILLS = { crypto: 'crypto-browserify' };
const EMPTY = path.join(__dirname, 'empty.cjs');
const original = Module._resolveFilename;
const manifests = new Map();

function manifestFor(file) {
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'package.json');
    if (manifests.has(candidate)) return manifests.get(candidate);
    if (fs.existsSync(candidate)) {
      const json = JSON.parse(fs.readFileSync(candidate, 'utf8'));
      const entry = { dir, browser: json.browser, main: json.main };
      manifests.set(candidate, entry);
      return entry;
    }
  }
  return null;
}

function remap(resolved) {
  const pkg = manifestFor(resolved);
  if (!pkg || !pkg.browser) return resolved;
  if (typeof pkg.browser === 'string') {
    const main = path.resolve(pkg.dir, pkg.main || 'index.js');
    const same = (a, b) => a === b || a === `${b}.js` || path.join(b, 'index.js') === a;
    return same(resolved, main) ? path.resolve(pkg.dir, pkg.browser) : resolved;
  }
  for (const [from, to] of Object.entries(pkg.browser)) {
    if (!from.startsWith('.')) continue;
    const source = path.resolve(pkg.dir, from);
    if (resolved === source || resolved === `${source}.js`) return to === false ? EMPTY : path.resolve(pkg.dir, to);
  }
  return resolved;
}

Module._resolveFilename = function (request, parent, ...rest) {
  const bare = request.startsWith('node:') ? request.slice(5) : request;
  if (parent && parent.filename && parent.filename.includes(`${path.sep}node_modules${path.sep}`)) {
    const pkg = manifestFor(parent.filename);
    if (pkg && typeof pkg.browser === 'object' && bare in pkg.browser) {
      const to = pkg.browser[bare];
      if (to === false) return EMPTY;
      if (typeof to === 'string') request = to.startsWith('.') ? path.resolve(pkg.dir, to) : to;
    } else if (bare in BUILTIN_POLYFILLS) {
      try { return remap(original.call(this, BUILTIN_POLYFILLS[bare], parent, ...rest)); } catch { /* not installed */ }
    }
  }
  const resolved = original.call(this, request, parent, ...rest);
  return path.isAbsolute(resolved) ? remap(resolved) : resolved;
};
