import { describe, expect, it } from 'vitest';
import { dvcTime, maXacThuc, parseDvcTime, sameMac, shortFields } from './dvcqg-protocol.js';
import { fromVnpAmount, signData, signParams, toVnpAmount, verifyParams, vnpDate } from './vnpay-protocol.js';

const SECRET = 's3cr3t-key-for-tests';

describe('DVCQG MaXacThuc', () => {
  it('is hex SHA-256 of the fields joined with | then |secret (checked against sha256sum)', () => {
    const fields = shortFields({
      LoaiBanTin: 'QUERY',
      PhienBan: '1.0.6',
      MaDoiTac: 'EGOV-SANDBOX',
      MaThamChieu: 'H26X0012607140001',
      ThoiGianGD: '20260714103000',
    });
    expect(maXacThuc(fields, SECRET)).toBe('162834ef9131f00bc73de97f683bd28450a36d6669574374695ed4df5b24960f');
    expect(maXacThuc(fields, 'another-secret-value')).not.toBe(
      '162834ef9131f00bc73de97f683bd28450a36d6669574374695ed4df5b24960f',
    );
  });

  it('compares MACs in constant time, case-insensitively, refusing other lengths', () => {
    const mac = maXacThuc(['a'], SECRET);
    expect(sameMac(mac.toUpperCase(), mac)).toBe(true);
    expect(sameMac(mac.slice(1), mac)).toBe(false);
    expect(sameMac(undefined, mac)).toBe(false);
  });

  it('writes and reads transaction times in Vietnam time', () => {
    const at = new Date('2026-07-14T03:30:00Z');
    expect(dvcTime(at)).toBe('20260714103000');
    expect(parseDvcTime('20260714103000')).toEqual(at);
    expect(parseDvcTime('2026-07-14')).toBeNull();
  });
});

describe('VNPAY-style signed query', () => {
  const params = {
    vnp_TxnRef: 'P26ABC',
    vnp_TmnCode: 'EGOVSBX1',
    vnp_OrderInfo: 'Thanh toan ho so H26/01',
    vnp_Amount: toVnpAmount(100_000),
    vnp_Empty: '',
  };

  it('signs the vnp_ fields sorted by name, URI-encoded with + for spaces, with HMAC-SHA512 (checked against openssl)', () => {
    expect(signData(params)).toBe(
      'vnp_Amount=10000000&vnp_OrderInfo=Thanh+toan+ho+so+H26%2F01&vnp_TmnCode=EGOVSBX1&vnp_TxnRef=P26ABC',
    );
    expect(signParams(params, SECRET)).toBe(
      '553300354c058a16118764ce5949b560778b2976559ea0fb3367b67f3547aebf412a3826e600b3b98fc7044e8d647163bc856e825b95e947663760449174dd2a',
    );
  });

  it('verifies a received query and detects any change', () => {
    const signed = { ...params, vnp_SecureHash: signParams(params, SECRET) };
    expect(verifyParams(signed, SECRET)).toBe(true);
    expect(verifyParams({ ...signed, vnp_Amount: toVnpAmount(1_000) }, SECRET)).toBe(false);
    expect(verifyParams(signed, 'another-secret-value')).toBe(false);
    expect(verifyParams({ ...params }, SECRET)).toBe(false);
  });

  it('carries amounts times 100 and dates in GMT+7', () => {
    expect(toVnpAmount(135_000)).toBe('13500000');
    expect(fromVnpAmount('13500000')).toBe(135_000);
    expect(fromVnpAmount('12a')).toBeNaN();
    expect(vnpDate(new Date('2026-01-01T17:05:09Z'))).toBe('20260102000509');
  });
});
