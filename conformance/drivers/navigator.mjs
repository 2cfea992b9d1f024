// Preloaded (node --import) for polyfills written for browsers: the navigator every browser has.
globalThis.navigator ??= { language: 'en-US', userAgent: 'nodespec', hardwareConcurrency: 1 };
