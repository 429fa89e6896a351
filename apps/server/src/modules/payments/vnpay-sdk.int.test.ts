import {
  buildPaymentUrlSearchParams,
  calculateSecureHash,
  dateFormat,
  getDateInGMT7,
  HashAlgorithm,
  ProductCode,
  type ReturnQueryFromVNPay,
  VnpLocale,
  VNPay,
} from 'vnpay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, type TestPlatform } from '../../../test/harness.js';
import {
  FEE,
  feeProcedure,
  fileDossier,
  listeningPlatform,
  payAtGateway,
  sentNotifications,
} from '../../../test/payments-kit.js';

/**
 * The redirect gateway proved with a client no one on this project wrote: the public `vnpay` npm
 * SDK (lehuygiang28/vnpay, pinned in package.json), used as a merchant would.
 * 1. The SDK as merchant against our sandbox gateway, over HTTP: the payment URL it builds is
 *    accepted; the return and the IPN the sandbox signs pass its verifyReturnUrl/verifyIpnCall; its
 *    queryDr and refund calls (its own fetch, its own checksums both ways) are answered and verified.
 * 2. Our merchant side against what the SDK signs: the SDK verifies our payment URL, and an IPN
 *    signed with the SDK's functions is accepted by our callback endpoint.
 * Order info carries `( ) ! ~ '` and Vietnamese, where encodings differ.
 */
describe.each(DB_KINDS)('the vnpay npm SDK against our VNPAY gateway and sandbox, on %s', (kind) => {
  let p: TestPlatform & { base: string };
  let sdk: VNPay;
  let tmnCode: string;
  let secret: string;
  const ORDER_INFO = "Thanh toán hồ sơ (SDK) ~ 50%! it's ok";
  const now14 = () => dateFormat(getDateInGMT7(new Date()));

  beforeAll(async () => {
    p = await listeningPlatform(kind);
    const admin = await p.staff({ roles: ['agency_admin'], agencyCode: 'H26' });
    await feeProcedure(p, admin.token, '1.900007');
    ({ tmnCode, secret } = p.payments.settings.vnpay!);
    sdk = new VNPay({
      tmnCode,
      secureSecret: secret,
      vnpayHost: `${p.base}/sandbox/vnpay`,
      queryDrAndRefundHost: `${p.base}/sandbox/vnpay`,
      hashAlgorithm: HashAlgorithm.SHA512,
      enableLog: false,
    });
  });
  afterAll(async () => p?.close());

  it('the SDK as merchant: payment URL, return and IPN, querydr, refund, all verified by the SDK', async () => {
    const txnRef = `SDK${Date.now()}`;
    const returnUrl = `${p.base}/sdk-merchant/return`;
    const url = sdk.buildPaymentUrl({
      vnp_Amount: 150_000,
      vnp_IpAddr: '127.0.0.1',
      vnp_TxnRef: txnRef,
      vnp_OrderInfo: ORDER_INFO,
      vnp_OrderType: ProductCode.Other,
      vnp_ReturnUrl: returnUrl,
      vnp_Locale: VnpLocale.VN,
    });
    expect(url.startsWith(`${p.base}/sandbox/vnpay/paymentv2/vpcpay.html?`)).toBe(true);
    const createDate = Number(new URL(url).searchParams.get('vnp_CreateDate'));

    // Our sandbox takes the SDK's signature: the payment page shows the order.
    const back = await payAtGateway(url, 'success');
    expect(back.location?.startsWith(`${returnUrl}?`)).toBe(true);

    // The browser's return, as the SDK checks it.
    const ret = Object.fromEntries(new URL(back.location!).searchParams) as unknown as ReturnQueryFromVNPay;
    const verifiedReturn = sdk.verifyReturnUrl(ret);
    expect(verifiedReturn).toMatchObject({
      isVerified: true,
      isSuccess: true,
      vnp_Amount: 150_000,
      vnp_TxnRef: txnRef,
      vnp_OrderInfo: ORDER_INFO,
      vnp_TransactionStatus: '00',
    });
    // A changed return is refused by the SDK too.
    expect(sdk.verifyReturnUrl({ ...ret, vnp_Amount: '100' }).isVerified).toBe(false);

    // The IPN the sandbox sent (to our platform, which does not know this SDK's order: RspCode 01).
    const [ipn] = await sentNotifications(p.base, txnRef);
    expect(ipn!.answer).toContain('"RspCode":"01"');
    const ipnQuery = Object.fromEntries(new URLSearchParams(ipn!.payload)) as unknown as ReturnQueryFromVNPay;
    expect(sdk.verifyIpnCall(ipnQuery)).toMatchObject({ isVerified: true, isSuccess: true, vnp_TxnRef: txnRef });

    // querydr through the SDK: its request checksum is accepted, our answer's (… |PromotionCode|PromotionAmount) verified.
    const transactionNo = Number(ret.vnp_TransactionNo);
    const query = () =>
      sdk.queryDr({
        vnp_RequestId: `Q${Date.now()}${Math.random().toString(36).slice(2, 8)}`,
        vnp_TxnRef: txnRef,
        vnp_OrderInfo: `Truy van ${txnRef}`,
        vnp_TransactionDate: createDate,
        vnp_CreateDate: now14(),
        vnp_IpAddr: '127.0.0.1',
        vnp_TransactionNo: transactionNo,
      });
    const q1 = await query();
    expect(q1).toMatchObject({
      isVerified: true,
      isSuccess: true,
      vnp_ResponseCode: '00',
      vnp_TransactionStatus: '00',
      vnp_Amount: '15000000',
      vnp_PromotionCode: '',
      vnp_PromotionAmount: '',
    });
    expect(q1.vnp_SecureHash).toMatch(/^[0-9a-f]{128}$/);

    // refund through the SDK: accepted, VNPAY processing it (05), the answer verified as the SDK checks it.
    const refund = await sdk.refund({
      vnp_RequestId: `R${Date.now()}`,
      vnp_TransactionType: '02',
      vnp_TxnRef: txnRef,
      vnp_Amount: 150_000,
      vnp_OrderInfo: `Hoan tien ${txnRef}`,
      vnp_TransactionNo: transactionNo,
      vnp_TransactionDate: createDate,
      vnp_CreateBy: 'sdk-merchant',
      vnp_CreateDate: now14(),
      vnp_IpAddr: '127.0.0.1',
    });
    expect(refund).toMatchObject({
      isVerified: true,
      isSuccess: true,
      vnp_ResponseCode: '00',
      vnp_TransactionStatus: '05',
      vnp_Amount: 150_000,
    });
    // querydr now says a refund is under way.
    expect(await query()).toMatchObject({ isVerified: true, vnp_TransactionStatus: '05' });

    // A merchant with the wrong secret is refused by the sandbox (97), whatever the SDK built.
    const stranger = new VNPay({
      tmnCode,
      secureSecret: 'not-the-secret',
      vnpayHost: `${p.base}/sandbox/vnpay`,
      queryDrAndRefundHost: `${p.base}/sandbox/vnpay`,
    });
    const refused = await stranger.queryDr({
      vnp_RequestId: `X${Date.now()}`,
      vnp_TxnRef: txnRef,
      vnp_OrderInfo: 'x',
      vnp_TransactionDate: createDate,
      vnp_CreateDate: now14(),
      vnp_IpAddr: '127.0.0.1',
      vnp_TransactionNo: transactionNo,
    });
    expect(refused).toMatchObject({ isSuccess: false, vnp_ResponseCode: '97' });
  });

  it('suspected fraud (07): the SDK reads the signed return as verified but not successful', async () => {
    const txnRef = `SDK7${Date.now()}`;
    const url = sdk.buildPaymentUrl({
      vnp_Amount: 20_000,
      vnp_IpAddr: '127.0.0.1',
      vnp_TxnRef: txnRef,
      vnp_OrderInfo: ORDER_INFO,
      vnp_OrderType: ProductCode.Other,
      vnp_ReturnUrl: `${p.base}/sdk-merchant/return`,
      vnp_Locale: VnpLocale.VN,
    });
    const back = await payAtGateway(url, 'suspected_fraud');
    const ret = Object.fromEntries(new URL(back.location!).searchParams) as unknown as ReturnQueryFromVNPay;
    expect(sdk.verifyReturnUrl(ret)).toMatchObject({
      isVerified: true,
      isSuccess: false,
      vnp_ResponseCode: '07',
      vnp_TransactionStatus: '07',
    });
  });

  it('our merchant side: the SDK verifies our payment URL; our IPN endpoint takes an IPN the SDK signed', async () => {
    const c = await p.citizen();
    const code = await fileDossier(p, c.token, '1.900007');
    const started = await p.call('POST', `/api/dossiers/${encodeURIComponent(code)}/payments`, {
      token: c.token,
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: { gateway: 'vnpay' },
    });
    expect(started.statusCode, started.body).toBe(201);
    const { paymentId, redirectUrl } = started.json();
    // The URL we send the payer to, checked by the SDK's own verification (same fields, same signature).
    const ours = Object.fromEntries(new URL(redirectUrl).searchParams) as unknown as ReturnQueryFromVNPay;
    expect(sdk.verifyReturnUrl(ours)).toMatchObject({ isVerified: true, vnp_Amount: FEE });
    const reference = new URL(redirectUrl).searchParams.get('vnp_TxnRef')!;

    // An IPN signed the SDK's way (URLSearchParams encoding, its HMAC), with characters where encodings differ.
    const ipn = {
      vnp_Amount: String(FEE * 100),
      vnp_BankCode: 'NCB',
      vnp_BankTranNo: 'VNP14999999',
      vnp_CardType: 'ATM',
      vnp_OrderInfo: ORDER_INFO,
      vnp_PayDate: String(now14()),
      vnp_ResponseCode: '00',
      vnp_TmnCode: tmnCode,
      vnp_TransactionNo: '14999999',
      vnp_TransactionStatus: '00',
      vnp_TxnRef: reference,
    };
    const sign = (fields: Record<string, string>) => {
      const data = buildPaymentUrlSearchParams(fields).toString();
      const hash = calculateSecureHash({
        secureSecret: secret,
        data,
        hashAlgorithm: HashAlgorithm.SHA512,
        bufferEncode: 'utf-8',
      });
      return `${data}&vnp_SecureHash=${hash}`;
    };
    // Tampered: signed for one amount, sent with another.
    const forged = sign(ipn).replace(`vnp_Amount=${FEE * 100}`, `vnp_Amount=${FEE * 10}`);
    expect((await (await fetch(`${p.base}/api/payments/callback/vnpay?${forged}`)).json()).RspCode).toBe('97');

    const res = await fetch(`${p.base}/api/payments/callback/vnpay?${sign(ipn)}`);
    expect(await res.json()).toEqual({ RspCode: '00', Message: 'Confirm Success' });
    const paid = (await p.call('GET', `/api/payments/${paymentId}`, { token: c.token })).json();
    expect(paid).toMatchObject({ status: 'paid', gatewayTxnId: '14999999', receipt: { number: expect.any(String) } });
  });
});
