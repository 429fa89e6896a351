import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './index.js';

describe('configuration', () => {
  it('has working defaults for the two-command start', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 3000, DATA_DIR: './data', SEED_DEMO: true, publicUrl: 'http://localhost:3000' });
    // Issue 11 item 5: loopback only, and no outbox of reset links, unless the operator says so.
    expect(c).toMatchObject({ HOST: '127.0.0.1', DEV_MAIL_OUTBOX: false });
    expect(c.DATABASE_URL).toBeUndefined();
  });
  it('stops with a message naming each bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', APP_SECRET: 'short' });
    } catch (e) {
      expect((e as Error).message).toMatch(/PORT/);
      expect((e as Error).message).toMatch(/DATABASE_URL: must start with postgres/);
      expect((e as Error).message).toMatch(/APP_SECRET/);
    }
  });
  it('requires KEY_ENCRYPTION_KEY in production, and a long one', () => {
    const prod = { NODE_ENV: 'production', APP_SECRET: 'x'.repeat(40) };
    expect(() => loadConfig(prod)).toThrow(/KEY_ENCRYPTION_KEY: required in production/);
    expect(() => loadConfig({ ...prod, KEY_ENCRYPTION_KEY: 'short' })).toThrow(
      /KEY_ENCRYPTION_KEY: must be at least 32/,
    );
    expect(loadConfig({ ...prod, KEY_ENCRYPTION_KEY: 'k'.repeat(32) }).KEY_ENCRYPTION_KEY).toBe('k'.repeat(32));
    expect(loadConfig({}).KEY_ENCRYPTION_KEY).toBeUndefined();
  });
});
