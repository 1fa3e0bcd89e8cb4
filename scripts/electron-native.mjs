#!/usr/bin/env node
/**
 * better-sqlite3 is a native module: npm builds it for Node (tests, the command line), but
 * the Electron app needs a build for Electron's ABI. Instead of rebuilding in place (which
 * would break `npm test`), this keeps a second copy under .native/ for the installed
 * Electron version and the app loads it through better-sqlite3's `nativeBinding` option.
 * It does nothing when that copy is present and current. Run by `npm start` and `npm run dev`.
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBindingDir } from './native-paths.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

const electronVersion = require('electron/package.json').version;
const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));
const sqliteVersion = require('better-sqlite3/package.json').version;
const target = electronBindingDir(root, electronVersion, process.platform, process.arch);
const stampFile = join(target, 'stamp.json');
const stamp = JSON.stringify({ electronVersion, sqliteVersion });

if (
  existsSync(join(target, 'better_sqlite3.node')) &&
  existsSync(stampFile) &&
  readFileSync(stampFile, 'utf8') === stamp
) {
  process.exit(0);
}

console.log(
  `Preparing the database engine for Electron ${electronVersion} (once per Electron version)…`,
);
const work = join(root, '.native', 'work');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const copy = join(work, 'better-sqlite3');
cpSync(sqliteDir, copy, { recursive: true, filter: (src) => !src.includes(`${sqliteDir}/build`) });

const run = (file, args) =>
  execFileSync(process.execPath, [file, ...args], { cwd: copy, stdio: 'inherit' });
const common = ['--runtime=electron', `--target=${electronVersion}`, `--arch=${process.arch}`];
try {
  run(require.resolve('prebuild-install/bin.js'), [...common, `--platform=${process.platform}`]);
} catch {
  console.log('No prebuilt binary for this Electron; compiling from source instead.');
  const nodeGyp =
    process.env.npm_config_node_gyp ??
    join(
      dirname(process.env.npm_execpath ?? ''),
      '..',
      'node_modules',
      'node-gyp',
      'bin',
      'node-gyp.js',
    );
  run(nodeGyp, ['rebuild', '--release', ...common, '--dist-url=https://electronjs.org/headers']);
}

mkdirSync(target, { recursive: true });
renameSync(
  join(copy, 'build', 'Release', 'better_sqlite3.node'),
  join(target, 'better_sqlite3.node'),
);
writeFileSync(stampFile, stamp);
rmSync(work, { recursive: true, force: true });
console.log(`Ready: ${target}`);
