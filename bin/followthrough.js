#!/usr/bin/env node
'use strict';
const { existsSync } = require('node:fs');
const { join, sep } = require('node:path');

const cli = join(__dirname, '..', 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write(
    'followthrough: the command line is not built yet. Run `npm run build` in the project folder.\n',
  );
  process.exit(1);
}
// Compiled code kept beside the build (emptied by every build), for this folder's modules
// only, one set per command: a set holds the functions its command ran, and `status` would
// gain little from the set that `sample` made.
const command = /^[a-z][a-z-]{0,30}$/.test(process.argv[2] ?? '') ? process.argv[2] : '_';
// Commands that read a whole mailbox get the heap setting of the app (src/main/memory.ts),
// before any code is compiled: V8's code caches (Node's own and the one below) record the
// flags they were made with and are refused under others, which would cost every quick
// command 10 ms.
if (command === 'sync' || command === 'import-mailbox') {
  require('node:v8').setFlagsFromString('--semi-space-growth-factor=1');
}
require('./code-cache').installCodeCache(
  join(__dirname, '..') + sep,
  join(__dirname, '..', 'out', 'main', '.code-cache', command),
);
require(cli).main();
