/** A throwaway self-signed certificate for 127.0.0.1 and localhost, made with openssl. */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PREREQUISITES, required } from './prerequisites';

/** Writes key.pem and cert.pem into `dir` and returns both as PEM text. */
export async function selfSignedCertificate(dir: string): Promise<{ key: string; cert: string }> {
  await promisify(execFile)(required(PREREQUISITES.openssl), [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=localhost',
    '-addext',
    'subjectAltName=IP:127.0.0.1,DNS:localhost',
    '-keyout',
    join(dir, 'key.pem'),
    '-out',
    join(dir, 'cert.pem'),
  ]);
  return {
    key: await readFile(join(dir, 'key.pem'), 'utf8'),
    cert: await readFile(join(dir, 'cert.pem'), 'utf8'),
  };
}
