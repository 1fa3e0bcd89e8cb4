/**
 * The test bridge answers only its own page: a call without its token (any other web page
 * open on this computer could make one) or naming another host is refused before anything
 * runs behind it.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../support/bridge/server';

let bridge: Bridge;
beforeAll(async () => {
  bridge = await startBridge();
});
afterAll(async () => {
  await bridge.close();
});

/** One raw HTTP request to the bridge, with exactly the headers given. */
function request(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; body: string }> {
  const url = new URL(bridge.url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, method, path, headers, setHost: false },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const LOAD_SAMPLE = JSON.stringify({ channel: 'workspace:load-sample', input: {} });

describe('the test bridge', () => {
  it('refuses calls without its token, with a wrong one, or for another host', async () => {
    const host = new URL(bridge.url).host;
    const json = { 'content-type': 'application/json' };
    const tries = [
      { host, ...json },
      { host, 'content-type': 'text/plain' },
      { host, ...json, 'x-bridge-token': '' },
      { host, ...json, 'x-bridge-token': 'f'.repeat(64) },
      { host: 'evil.example:80', ...json, 'x-bridge-token': bridge.token },
    ];
    for (const headers of tries) {
      expect((await request('POST', '/invoke', headers, LOAD_SAMPLE)).status).toBe(403);
      expect((await request('GET', '/events?after=-1', headers)).status).toBe(403);
    }
    expect(bridge.services.workspace.listApplications()).toEqual([]);
    expect(bridge.unexpected).toEqual([]);
  });

  it('answers its own page, which sends the token', async () => {
    const host = new URL(bridge.url).host;
    const headers = { host, 'content-type': 'application/json', 'x-bridge-token': bridge.token };
    const answer = await request('POST', '/invoke', headers, LOAD_SAMPLE);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: true });
    expect(bridge.services.workspace.listApplications().length).toBeGreaterThan(0);
    expect((await request('GET', '/events?after=-1', headers)).status).toBe(200);
  });
});
