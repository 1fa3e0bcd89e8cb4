import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Real servers (Dovecot, SMTP) and real Chromium: give them room, and keep files apart.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Stops a whole run at once, with one message, when Dovecot, Chromium or openssl is missing.
    globalSetup: ['test/support/global-setup.ts'],
  },
});
