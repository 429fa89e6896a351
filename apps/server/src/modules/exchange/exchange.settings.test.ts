import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testConfig } from '../../../test/config.js';
import { exchangeSettings } from './exchange.settings.js';

const lgsp = {
  EXCHANGE_ROLE: 'node',
  EXCHANGE_NODE_ID: 'so-a',
  EXCHANGE_AGENCIES: 'H26',
  EXCHANGE_TRANSPORT: 'lgsp',
  LGSP_BASE_URL: 'https://lgsp.example.gov.vn/truclienthong/v1.0.0/',
  LGSP_CLIENT_ID: 'qlvb',
  LGSP_CLIENT_SECRET: 'client-secret',
  LGSP_UNIT_CODE: '000.00.00.H26',
  LGSP_UNIT_SECRET: '0123456789abcdef0123',
};

describe('exchange settings: the LGSP transport', () => {
  it('needs no hub URL or key; the token URL defaults to the API origin + /token', () => {
    const s = exchangeSettings(testConfig(lgsp));
    expect(s.transport).toBe('lgsp');
    expect(s.hubUrl).toBeNull();
    expect(s.lgsp).toMatchObject({
      baseUrl: 'https://lgsp.example.gov.vn/truclienthong/v1.0.0',
      tokenUrl: 'https://lgsp.example.gov.vn/token',
      units: [{ code: '000.00.00.H26', agency: null, secret: '0123456789abcdef0123' }],
      trustedCas: null,
      pollMs: 5000,
    });
  });

  it('names each missing variable, and refuses lgsp on a hub', () => {
    const { LGSP_CLIENT_SECRET: _s, LGSP_UNIT_SECRET: _u, ...partial } = lgsp;
    expect(() => exchangeSettings(testConfig(partial))).toThrow(
      /LGSP_CLIENT_SECRET: required when EXCHANGE_TRANSPORT=lgsp[\s\S]*LGSP_UNIT_SECRET: required with LGSP_UNIT_CODE/,
    );
    expect(() => exchangeSettings(testConfig({ ...lgsp, EXCHANGE_ROLE: 'hub', EXCHANGE_NODE_ID: 'hub' }))).toThrow(
      /EXCHANGE_TRANSPORT: lgsp needs EXCHANGE_ROLE=node/,
    );
    expect(() => exchangeSettings(testConfig({ ...lgsp, LGSP_TRUSTED_CAS: '/nonexistent/cas.pem' }))).toThrow(
      /LGSP_TRUSTED_CAS: no such file/,
    );
  });

  it('a deployment that is several units: LGSP_UNITS, each with its agency and secret; problems name the field, never the secret', () => {
    const units = [
      { code: '000.00.00.H26', agency: 'H26', secret: 'secret-of-hanoi-0001' },
      { code: '000.00.00.H41', agency: 'H41', secret: 'secret-of-nghean-0002' },
    ];
    const { LGSP_UNIT_CODE: _c, LGSP_UNIT_SECRET: _s, ...rest } = lgsp;
    expect(exchangeSettings(testConfig({ ...rest, LGSP_UNITS: JSON.stringify(units) })).lgsp!.units).toEqual(units);
    // From a file too; LGSP_UNIT_CODE first, for the agencies no listed unit covers.
    const file = join(mkdtempSync(join(tmpdir(), 'lgsp-units-')), 'units.json');
    writeFileSync(file, JSON.stringify(units.slice(1)));
    expect(exchangeSettings(testConfig({ ...lgsp, LGSP_UNITS: `@${file}` })).lgsp!.units.map((u) => u.code)).toEqual([
      '000.00.00.H26',
      '000.00.00.H41',
    ]);
    const bad = [
      { code: 'h26', agency: 'H26', secret: 'too-short' },
      { code: '000.00.00.H41', agency: 'H41', secret: 'secret-of-nghean-0002' },
      { code: '000.00.00.H41', agency: 'H42', secret: 'secret-of-nghean-0003' },
    ];
    let message = '';
    try {
      exchangeSettings(testConfig({ ...rest, LGSP_UNITS: JSON.stringify(bad) }));
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/LGSP_UNITS\[0\]\.code: an agency identifier code/);
    expect(message).toMatch(/LGSP_UNITS\[0\]\.secret: 16 to 200 characters/);
    expect(message).toMatch(/LGSP_UNITS\[2\]\.code: 000\.00\.00\.H41 is listed twice/);
    expect(message).not.toContain('too-short');
    expect(message).not.toContain('secret-of-nghean');
    expect(() => exchangeSettings(testConfig({ ...rest, LGSP_UNITS: '{not json' }))).toThrow(/LGSP_UNITS: not JSON/);
    expect(() => exchangeSettings(testConfig(rest))).toThrow(/LGSP_UNIT_CODE or LGSP_UNITS: required/);
  });

  it('a federation node still needs its hub', () => {
    const { EXCHANGE_TRANSPORT: _t, ...federation } = lgsp;
    expect(() => exchangeSettings(testConfig(federation))).toThrow(/EXCHANGE_HUB_URL: required/);
    expect(exchangeSettings(testConfig()).lgsp).toBeNull();
  });
});
