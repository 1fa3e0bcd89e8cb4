/**
 * The installers' configuration, checked as far as this machine allows (packaging itself
 * downloads Electron): electron-builder's own schema accepts it, the fuses are the hardened
 * set, `.ics` files open with the app, and only the built app goes into the package.
 */
import path from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const load = () => getConfig(ROOT, null, null);

describe('the installers', () => {
  it("pass electron-builder's own schema check, which refuses a misspelt option", async () => {
    const config = await load();
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    const misspelt = { ...config, electronFuses: { ...config.electronFuses, runAsNod: false } };
    await expect(validateConfiguration(misspelt, new DebugLogger(false))).rejects.toThrow(
      /does not match the API schema/,
    );
  });

  it('flip the fuses: no running as Node, no NODE_OPTIONS or --inspect, ASAR only and checked', async () => {
    expect((await load()).electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('build Linux AppImage and deb, a macOS dmg and a Windows installer, and open .ics files', async () => {
    const config = await load();
    expect(config.appId).toBe('app.followthrough.desktop');
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toBe('dmg');
    expect(config.win?.target).toBe('nsis');
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: 'ics' })]);
  });

  it('package the built app with native modules rebuilt for Electron and unpacked from the ASAR', async () => {
    const config = await load();
    // getConfig normalises the list into one filter set.
    const files = [config.files]
      .flat()
      .flatMap((f) => (typeof f === 'string' ? [f] : (f?.filter ?? [])));
    expect(files).toEqual(expect.arrayContaining(['out/**', '!**/*.map', 'package.json']));
    expect(files.some((f) => f.startsWith('src'))).toBe(false);
    expect(config.npmRebuild).toBe(true);
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
  });
});
