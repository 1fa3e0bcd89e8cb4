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
// Compiled code kept beside the build (emptied by every build), for this folder's modules only.
require('./code-cache').installCodeCache(
  join(__dirname, '..') + sep,
  join(__dirname, '..', 'out', 'main', '.code-cache'),
);
require(cli).main();
