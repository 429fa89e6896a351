import { hkdfSync } from 'node:crypto';
import { type Config, ConfigError } from '../../config/index.js';
import type { GatewayName } from './gateways/gateway.js';

export interface DvcqgSettings {
  baseUrl: string;
  partnerCode: string;
  secret: string;
  callbackUrl: string;
  returnUrl: string;
}

export interface VnpaySettings {
  paymentUrl: string;
  apiUrl: string;
  reconcileUrl: string;
  tmnCode: string;
  secret: string;
  returnUrl: string;
  ipnUrl: string;
}

export interface PaymentSettings {
  sandbox: boolean;
  dvcqg: DvcqgSettings | null;
  vnpay: VnpaySettings | null;
  defaultGateway: GatewayName;
  expireMinutes: number;
  receipt: { templateCode: string; serialPrefix: string };
  publicUrl: string;
  /** Bank push notifications: the key a bank aggregator (SePay) authenticates with; null when off. */
  bankPush: { sepayApiKey: string | null };
}

/** A sandbox secret derived from APP_SECRET: nothing to configure in development, nothing in the repository. */
function sandboxSecret(appSecret: string, gateway: string): string {
  return Buffer.from(hkdfSync('sha256', appSecret, 'egov-payment-sandbox', gateway, 32)).toString('base64url');
}

/**
 * Gateway URLs, partner codes and secrets from the environment. A gateway without a URL uses the
 * built-in sandbox when it is on (development, tests) and is unavailable otherwise; a URL without
 * its credentials stops the start.
 */
export function paymentSettings(config: Config, appSecret: string): PaymentSettings {
  const sandbox = config.PAYMENT_SANDBOX ?? config.NODE_ENV !== 'production';
  const base = config.publicUrl;
  const missing: string[] = [];
  let dvcqg: DvcqgSettings | null = null;
  if (config.DVCQG_PAYMENT_URL) {
    if (!config.DVCQG_PARTNER_CODE) missing.push('DVCQG_PARTNER_CODE');
    if (!config.DVCQG_SECRET) missing.push('DVCQG_SECRET');
    dvcqg = {
      baseUrl: config.DVCQG_PAYMENT_URL.replace(/\/$/, ''),
      partnerCode: config.DVCQG_PARTNER_CODE ?? '',
      secret: config.DVCQG_SECRET ?? '',
      callbackUrl: '',
      returnUrl: '',
    };
  } else if (sandbox) {
    dvcqg = {
      baseUrl: `${base}/sandbox/dvcqg`,
      partnerCode: 'EGOV-SANDBOX',
      secret: sandboxSecret(appSecret, 'dvcqg'),
      callbackUrl: '',
      returnUrl: '',
    };
  }
  let vnpay: VnpaySettings | null = null;
  if (config.VNPAY_PAYMENT_URL) {
    for (const k of ['VNPAY_API_URL', 'VNPAY_TMN_CODE', 'VNPAY_HASH_SECRET'] as const) if (!config[k]) missing.push(k);
    vnpay = {
      paymentUrl: config.VNPAY_PAYMENT_URL,
      apiUrl: config.VNPAY_API_URL ?? '',
      reconcileUrl: config.VNPAY_RECONCILE_URL ?? '',
      tmnCode: config.VNPAY_TMN_CODE ?? '',
      secret: config.VNPAY_HASH_SECRET ?? '',
      returnUrl: '',
      ipnUrl: '',
    };
  } else if (sandbox) {
    vnpay = {
      paymentUrl: `${base}/sandbox/vnpay/paymentv2/vpcpay.html`,
      apiUrl: `${base}/sandbox/vnpay/merchant_webapi/api/transaction`,
      reconcileUrl: `${base}/sandbox/vnpay/merchant_webapi/reconcile`,
      tmnCode: 'EGOVSBX1',
      secret: sandboxSecret(appSecret, 'vnpay'),
      returnUrl: '',
      ipnUrl: '',
    };
  }
  if (missing.length)
    throw new ConfigError(
      `Invalid configuration:\n${missing.map((k) => `  ${k}: required with the gateway's URL`).join('\n')}`,
    );
  if (dvcqg)
    Object.assign(dvcqg, {
      callbackUrl: `${base}/api/payments/callback/dvcqg`,
      returnUrl: `${base}/api/payments/return/dvcqg`,
    });
  if (vnpay)
    Object.assign(vnpay, {
      returnUrl: `${base}/api/payments/return/vnpay`,
      ipnUrl: `${base}/api/payments/callback/vnpay`,
    });
  return {
    sandbox,
    dvcqg,
    vnpay,
    bankPush: { sepayApiKey: config.BANK_PUSH_SEPAY_API_KEY ?? null },
    defaultGateway: config.PAYMENT_DEFAULT_GATEWAY,
    expireMinutes: config.PAYMENT_EXPIRE_MINUTES,
    receipt: { templateCode: config.RECEIPT_TEMPLATE_CODE, serialPrefix: config.RECEIPT_SERIAL_PREFIX },
    publicUrl: base,
  };
}
