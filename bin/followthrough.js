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
require('./code-cache').installCodeCache(
  join(__dirname, '..') + sep,
  join(__dirname, '..', 'out', 'main', '.code-cache', command),
);
require(cli).main();
