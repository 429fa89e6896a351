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
      unitCode: '000.00.00.H26',
      trustedCas: null,
      pollMs: 5000,
    });
  });

  it('names each missing variable, and refuses lgsp on a hub', () => {
    const { LGSP_CLIENT_SECRET: _s, LGSP_UNIT_SECRET: _u, ...partial } = lgsp;
    expect(() => exchangeSettings(testConfig(partial))).toThrow(
      /LGSP_CLIENT_SECRET: required when EXCHANGE_TRANSPORT=lgsp[\s\S]*LGSP_UNIT_SECRET: required/,
    );
    expect(() => exchangeSettings(testConfig({ ...lgsp, EXCHANGE_ROLE: 'hub', EXCHANGE_NODE_ID: 'hub' }))).toThrow(
      /EXCHANGE_TRANSPORT: lgsp needs EXCHANGE_ROLE=node/,
    );
    expect(() => exchangeSettings(testConfig({ ...lgsp, LGSP_TRUSTED_CAS: '/nonexistent/cas.pem' }))).toThrow(
      /LGSP_TRUSTED_CAS: no such file/,
    );
  });

  it('a federation node still needs its hub', () => {
    const { EXCHANGE_TRANSPORT: _t, ...federation } = lgsp;
    expect(() => exchangeSettings(testConfig(federation))).toThrow(/EXCHANGE_HUB_URL: required/);
    expect(exchangeSettings(testConfig()).lgsp).toBeNull();
  });
});
