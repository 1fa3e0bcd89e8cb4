'use strict';
/**
 * A V8 code cache for the command line's own modules. A quick command spends much of its time
 * compiling the same JavaScript again (the build in out/ and packages such as luxon and
 * better-sqlite3); with the code V8 made last time it starts faster. The cache is written
 * after a command has run, so it also holds the functions compiled while it ran, which
 * `module.enableCompileCache()` (Node 22.1 and later) does not.
 *
 * Each entry is named by the file's path, size and modification time: V8 itself checks only
 * the length of the source, and would run old code for a file rewritten to the same length.
 * Anything that goes wrong (a folder that cannot be written, a cache V8 rejects) only means
 * compiling as usual.
 */
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

/** The entry's file name: the module's path made flat, its size and its mtime. */
function entryName(filename, stat) {
  const flat = filename.replace(/[/\\:]/g, '_');
  return `${flat}.${stat.size}.${Math.trunc(stat.mtimeMs)}.cache`;
}

/** The `require` a module gets, as Node's own loader makes it. */
function requireFor(mod) {
  const require = (id) => mod.require(id);
  const resolve = (request, options) => Module._resolveFilename(request, mod, false, options);
  resolve.paths = (request) => Module._resolveLookupPaths(request, mod);
  require.resolve = resolve;
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

/**
 * From now on, CommonJS modules under `root` are compiled with the cached code in `dir` when
 * there is some, and the code of those that had none is saved there when the process exits.
 */
function installCodeCache(root, dir) {
  const compile = Module.prototype._compile;
  const toSave = [];
  Module.prototype._compile = function (content, filename) {
    // A file starting with #! would no longer start with it once wrapped.
    if (!filename.startsWith(root) || content.startsWith('#!')) {
      return compile.call(this, content, filename);
    }
    let entry = null;
    let cachedData;
    try {
      entry = path.join(dir, entryName(filename, fs.statSync(filename)));
      cachedData = fs.readFileSync(entry);
    } catch {
      // No entry yet.
    }
    const script = new vm.Script(Module.wrap(content), { filename, cachedData });
    if (entry !== null && (cachedData === undefined || script.cachedDataRejected)) {
      toSave.push({ script, entry });
    }
    const wrapper = script.runInThisContext({ displayErrors: true });
    return wrapper.call(
      this.exports,
      this.exports,
      requireFor(this),
      this,
      filename,
      path.dirname(filename),
    );
  };
  process.once('exit', () => {
    if (toSave.length === 0) return;
    try {
      fs.mkdirSync(dir, { recursive: true });
      for (const { script, entry } of toSave) {
        // Written aside and renamed: two commands at once never read half an entry.
        const aside = `${entry}.${process.pid}`;
        fs.writeFileSync(aside, script.createCachedData());
        fs.renameSync(aside, entry);
      }
    } catch {
      // A folder that cannot be written: compile as usual next time too.
    }
  });
}

module.exports = { installCodeCache };
