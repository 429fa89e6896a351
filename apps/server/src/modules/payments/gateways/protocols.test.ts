import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dvcTime, maXacThuc, parseDvcTime, sameMac, shortFields } from './dvcqg-protocol.js';
import { txnStatus } from './vnpay-gateway.js';
import {
  fromVnpAmount,
  queryDrAnswerData,
  refundAnswerData,
  signData,
  signParams,
  toVnpAmount,
  type VnpApiAnswer,
  verifyAnswer,
  verifyParams,
  vnpDate,
} from './vnpay-protocol.js';

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

describe('VNPAY encodings: we sign as VNPAY and the vnpay SDK do, and accept the samples’ variants', () => {
  const params = { vnp_TmnCode: 'EGOVSBX1', vnp_OrderInfo: "Ho so (H26) ~ 50%! it's *ok*" };
  const hmac = (data: string) => createHmac('sha512', SECRET).update(data).digest('hex');

  it('encodes as application/x-www-form-urlencoded (URLSearchParams, Java URLEncoder)', () => {
    const form = new URLSearchParams([...Object.entries(params)].sort()).toString();
    expect(signData(params)).toBe(form);
    expect(form).toBe('vnp_OrderInfo=Ho+so+%28H26%29+%7E+50%25%21+it%27s+*ok*&vnp_TmnCode=EGOVSBX1');
  });

  it('accepts a hash over the Node.js sample’s encodeURIComponent and the PHP sample’s urlencode', () => {
    const node = "vnp_OrderInfo=Ho+so+(H26)+~+50%25!+it's+*ok*&vnp_TmnCode=EGOVSBX1";
    const php = 'vnp_OrderInfo=Ho+so+%28H26%29+%7E+50%25%21+it%27s+%2Aok%2A&vnp_TmnCode=EGOVSBX1';
    expect(verifyParams({ ...params, vnp_SecureHash: hmac(node) }, SECRET)).toBe(true);
    expect(verifyParams({ ...params, vnp_SecureHash: hmac(php) }, SECRET)).toBe(true);
    expect(verifyParams({ ...params, vnp_SecureHash: hmac(node.replace('50', '51')) }, SECRET)).toBe(false);
  });
});

describe('VNPAY querydr and refund answers', () => {
  const answer: Omit<VnpApiAnswer, 'vnp_SecureHash'> = {
    vnp_ResponseId: '4f2b9c',
    vnp_Command: 'querydr',
    vnp_ResponseCode: '00',
    vnp_Message: 'QueryDR Success',
    vnp_TmnCode: 'EGOVSBX1',
    vnp_TxnRef: 'P26ABC',
    vnp_Amount: '10000000',
    vnp_BankCode: 'NCB',
    vnp_PayDate: '20260714103000',
    vnp_TransactionNo: '14000001',
    vnp_TransactionType: '01',
    vnp_TransactionStatus: '00',
    vnp_OrderInfo: 'Truy van P26ABC',
    vnp_PromotionCode: 'KM2026',
    vnp_PromotionAmount: '500000',
  };
  const hmac = (data: string) => createHmac('sha512', SECRET).update(data).digest('hex');
  const DOC_ORDER =
    '4f2b9c|querydr|00|QueryDR Success|EGOVSBX1|P26ABC|10000000|NCB|20260714103000|14000001|01|00|Truy van P26ABC|KM2026|500000';

  it('checks a querydr answer over the thirteen fields, then vnp_PromotionCode|vnp_PromotionAmount', () => {
    expect(queryDrAnswerData(answer)).toBe(DOC_ORDER);
    expect(verifyAnswer({ ...answer, vnp_SecureHash: hmac(DOC_ORDER) }, SECRET)).toBe(true);
    // The thirteen-field checksum we used to expect is not what VNPAY sends.
    const thirteen = DOC_ORDER.split('|').slice(0, 13).join('|');
    expect(verifyAnswer({ ...answer, vnp_SecureHash: hmac(thirteen) }, SECRET)).toBe(false);
    // A changed promotion breaks it.
    expect(verifyAnswer({ ...answer, vnp_PromotionAmount: '1', vnp_SecureHash: hmac(DOC_ORDER) }, SECRET)).toBe(false);
  });

  it('counts absent promotion fields as empty', () => {
    const { vnp_PromotionCode: _c, vnp_PromotionAmount: _a, ...bare } = answer;
    expect(queryDrAnswerData(bare)).toBe(DOC_ORDER.replace('|KM2026|500000', '||'));
  });

  it('checks a refund answer over thirteen fields, the amount in đồng (as the vnpay SDK) or as sent', () => {
    const refund = {
      ...answer,
      vnp_Command: 'refund' as const,
      vnp_TransactionType: '02',
      vnp_TransactionStatus: '05',
    };
    const dong =
      '4f2b9c|refund|00|QueryDR Success|EGOVSBX1|P26ABC|100000|NCB|20260714103000|14000001|02|05|Truy van P26ABC';
    expect(refundAnswerData(refund)).toBe(dong);
    expect(verifyAnswer({ ...refund, vnp_SecureHash: hmac(dong) }, SECRET)).toBe(true);
    expect(verifyAnswer({ ...refund, vnp_SecureHash: hmac(dong.replace('|100000|', '|10000000|')) }, SECRET)).toBe(
      true,
    );
    expect(verifyAnswer({ ...refund, vnp_SecureHash: hmac(dong.replace('|05|', '|06|')) }, SECRET)).toBe(false);
  });

  it('maps transaction statuses: 04 and 07 to review, 05/06 refund under way, 09 refused refund', () => {
    expect(txnStatus('00')).toBe('paid');
    expect(txnStatus('01')).toBe('pending');
    expect(txnStatus('02')).toBe('failed');
    expect(txnStatus('04')).toBe('review');
    expect(txnStatus('07')).toBe('review');
    expect(txnStatus('05')).toBe('refunding');
    expect(txnStatus('06')).toBe('refunding');
    expect(txnStatus('09')).toBe('refund_refused');
    // A status we do not know is no reason to give the payment up.
    expect(txnStatus('08')).toBe('review');
  });
});
