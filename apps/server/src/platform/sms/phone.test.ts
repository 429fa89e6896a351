import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/index.js';
import { toGsmText } from './index.js';
import { displayVnPhone, maskVnPhone, normalizeVnPhone } from './phone.js';

describe('Vietnamese mobile numbers', () => {
  it('normalizes the ways people write one number to E.164', () => {
    for (const s of ['0912345678', '+84912345678', '84912345678', '0912 345 678', '091.234.5678', '(091) 234-5678'])
      expect(normalizeVnPhone(s), s).toBe('+84912345678');
    expect(normalizeVnPhone('0356000111')).toBe('+84356000111');
  });
  it('refuses what is not a mobile number since the 2018 renumbering', () => {
    for (const s of ['0123456789', '091234567', '09123456789', '+1 202 555 0143', '0212345678', '', 'abc0912345678'])
      expect(normalizeVnPhone(s), s).toBeNull();
  });
  it('shows and masks it the Vietnamese way', () => {
    expect(displayVnPhone('+84912345678')).toBe('0912 345 678');
    expect(maskVnPhone('+84912345678')).toBe('0912***678');
  });
  it('sends brandname text without diacritics', () => {
    expect(toGsmText('Mã xác nhận: Đã có trả lời')).toBe('Ma xac nhan: Da co tra loi');
  });
});

describe('SMS settings', () => {
  it('needs the token and the brandname with the gateway URL, naming them', () => {
    expect(() => loadConfig({ SMS_URL: 'https://api.speedsms.vn/index.php/sms/send' })).toThrow(
      /SMS_TOKEN: required with SMS_URL\n {2}SMS_BRANDNAME: required with SMS_URL/,
    );
    expect(() =>
      loadConfig({ SMS_URL: 'https://x.vn/send', SMS_TOKEN: 'token-123456', SMS_BRANDNAME: 'TEN QUA DAI 12' }),
    ).toThrow(/SMS_BRANDNAME/);
    expect(
      loadConfig({ SMS_URL: 'https://x.vn/send', SMS_TOKEN: 'token-123456', SMS_BRANDNAME: 'UBND-HN' }).SMS_BRANDNAME,
    ).toBe('UBND-HN');
  });
});
