import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config/index.js';
import { paymentSettings } from './payments.settings.js';

const SECRET = 'app-secret-0123456789-abcdefghijklmnopqrstuvwxyz';
// Production also needs KEY_ENCRYPTION_KEY (the PKI's key store); any test value does.
const cfg = (env: Record<string, string>) =>
  loadConfig({
    APP_SECRET: SECRET,
    KEY_ENCRYPTION_KEY: 'test-key-encryption-key-0123456789abcdef',
    PUBLIC_URL: 'https://dichvucong.example.gov.vn',
    ...env,
  });

describe('payment gateway settings', () => {
  it('in development both gateways are the sandbox, with secrets derived from APP_SECRET (none in the repository)', () => {
    const s = paymentSettings(cfg({}), SECRET);
    expect(s.sandbox).toBe(true);
    expect(s.dvcqg).toMatchObject({
      baseUrl: 'https://dichvucong.example.gov.vn/sandbox/dvcqg',
      callbackUrl: 'https://dichvucong.example.gov.vn/api/payments/callback/dvcqg',
    });
    expect(s.vnpay).toMatchObject({
      paymentUrl: 'https://dichvucong.example.gov.vn/sandbox/vnpay/paymentv2/vpcpay.html',
      returnUrl: 'https://dichvucong.example.gov.vn/api/payments/return/vnpay',
    });
    expect(s.dvcqg!.secret).toHaveLength(43);
    expect(s.dvcqg!.secret).not.toBe(s.vnpay!.secret);
    expect(paymentSettings(cfg({}), `${SECRET}x`).dvcqg!.secret).not.toBe(s.dvcqg!.secret);
  });

  it('in production there is no sandbox and no gateway until one is configured', () => {
    const s = paymentSettings(cfg({ NODE_ENV: 'production' }), SECRET);
    expect(s).toMatchObject({ sandbox: false, dvcqg: null, vnpay: null });
    const real = paymentSettings(
      cfg({
        NODE_ENV: 'production',
        DVCQG_PAYMENT_URL: 'https://payment.dichvucong.gov.vn/api/v1/',
        DVCQG_PARTNER_CODE: 'G09.20',
        DVCQG_SECRET: 'a-real-shared-secret-value',
      }),
      SECRET,
    );
    expect(real.dvcqg).toMatchObject({
      baseUrl: 'https://payment.dichvucong.gov.vn/api/v1',
      partnerCode: 'G09.20',
      secret: 'a-real-shared-secret-value',
    });
    expect(real.vnpay).toBeNull();
  });

  it('a gateway URL without its credentials stops the start, naming them', () => {
    expect(() => paymentSettings(cfg({ VNPAY_PAYMENT_URL: 'https://pay.vnpay.vn/vpcpay.html' }), SECRET)).toThrow(
      ConfigError,
    );
    expect(() => paymentSettings(cfg({ VNPAY_PAYMENT_URL: 'https://pay.vnpay.vn/vpcpay.html' }), SECRET)).toThrow(
      /VNPAY_API_URL[\s\S]*VNPAY_TMN_CODE[\s\S]*VNPAY_HASH_SECRET/,
    );
    expect(() => cfg({ VNPAY_TMN_CODE: 'short' })).toThrow(/VNPAY_TMN_CODE: must be 8 letters or digits/);
  });
});
