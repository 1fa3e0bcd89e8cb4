import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  answerAppRequest,
  appFileFor,
  registerAppScheme,
  serveRenderer,
} from '../../../src/main/shell/app-protocol';
import { contentSecurityPolicy } from '../../../src/main/shell/security';

let parent: string;
let root: string;
const CSP = contentSecurityPolicy(false);

beforeAll(() => {
  parent = mkdtempSync(path.join(tmpdir(), 'followthrough-protocol-'));
  root = path.join(parent, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Followthrough</title>');
  writeFileSync(path.join(root, 'assets', 'index-1.js'), 'console.log(1)');
  writeFileSync(path.join(parent, 'secret.txt'), 'not for the page');
  symlinkSync(path.join(parent, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
});
afterAll(() => rmSync(parent, { recursive: true, force: true }));

const get = (url: string) => answerAppRequest(root, { url, method: 'GET' }, CSP);

describe("the app's own scheme", () => {
  it('serves the built files with their type and the content security policy', async () => {
    const page = await get('followthrough://app/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CSP);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>Followthrough</title>');

    const script = await get('followthrough://app/assets/index-1.js?v=2#x');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
    expect((await get('followthrough://app/')).status).toBe(200);
  });

  it('serves nothing outside the renderer folder, however the path is written', async () => {
    for (const url of [
      'followthrough://app/../secret.txt',
      'followthrough://app/%2e%2e/secret.txt',
      'followthrough://app/assets/..%2f..%2fsecret.txt',
      'followthrough://app/%2e%2e%2fsecret.txt',
      'followthrough://app/index.html%00.js',
      'followthrough://app/%E0%A4%A',
      'followthrough://other/index.html',
      'file:///etc/passwd',
      'followthrough://app/assets',
      'followthrough://app/missing.js',
      // A link inside the folder to a file outside it.
      'followthrough://app/assets/link.txt',
    ]) {
      expect((await get(url)).status, url).toBe(404);
    }
    // The URL parser already folds `..` away; what is left is a path inside the folder.
    expect(appFileFor(root, 'followthrough://app/../secret.txt')).toBe(
      path.join(root, 'secret.txt'),
    );
  });

  it('answers only reads', async () => {
    const post = await answerAppRequest(
      root,
      { url: 'followthrough://app/index.html', method: 'POST' },
      CSP,
    );
    expect(post.status).toBe(405);
  });

  it('is registered as a standard, secure scheme and served through protocol.handle', async () => {
    const registered: unknown[] = [];
    registerAppScheme({ registerSchemesAsPrivileged: (schemes) => registered.push(...schemes) });
    expect(registered).toEqual([
      {
        scheme: 'followthrough',
        privileges: { standard: true, secure: true, supportFetchAPI: true },
      },
    ]);
    let handler: ((request: Request) => Promise<Response>) | null = null;
    serveRenderer(
      {
        handle: (scheme, h) => {
          expect(scheme).toBe('followthrough');
          handler = h as (request: Request) => Promise<Response>;
        },
      },
      root,
      CSP,
    );
    const response = await handler!(new Request('followthrough://app/index.html'));
    expect(response.status).toBe(200);
  });
});
