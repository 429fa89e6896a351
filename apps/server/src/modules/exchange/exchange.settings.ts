import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Config, ConfigError } from '../../config/index.js';
import type { SignaturePolicy } from './edxml/dsig.js';

/** The exchange's view of the configuration, checked once at start. */
export interface ExchangeSettings {
  role: 'hub' | 'node';
  nodeId: string;
  hubUrl: string | null;
  /** Signs this deployment's requests (node → hub, hub → node). */
  nodeKey: KeyObject;
  /** SPKI DER base64 of nodeKey's public half (what the hub operator registers). */
  publicKey: string;
  /** Node role: the hub's public key. */
  hubKey: KeyObject | null;
  /** Agency codes whose subtrees this deployment serves; null = every agency in the directory. */
  agencies: string[] | null;
  maxPackageBytes: number;
  retryMaxMs: number;
  pollMs: number;
  syncMs: number;
  /** Which seal algorithms are verified (EXCHANGE_LEGACY_SHA1). */
  signaturePolicy: SignaturePolicy;
  /** Stop retrying a delivery the next hop refuses (401/403) this long after it was queued. */
  refusedGiveUpMs: number;
  /** How packages travel: signed HTTP with our hub (ADR 0005) or a province's LGSP REST API (ADR 0017). */
  transport: 'federation' | 'lgsp';
  /** The LGSP to use when `transport` is `lgsp`. */
  lgsp: LgspSettings | null;
}

/** One unit of the LGSP: its code there, the agency it is here (null: every agency served), its secret. */
export interface LgspUnitSetting {
  code: string;
  agency: string | null;
  secret: string;
}

const UNIT_CODE = /^[0-9A-Z.]{1,35}$/;

/**
 * LGSP_UNITS: a JSON array of {code, agency, secret}, or `@file` holding one. Problems name the entry and
 * the field, never the secret.
 */
export function parseLgspUnits(raw: string, problems: string[]): LgspUnitSetting[] {
  let text = raw.trim();
  if (text.startsWith('@')) {
    const path = text.slice(1);
    if (!existsSync(path)) {
      problems.push('  LGSP_UNITS: no such file');
      return [];
    }
    text = readFileSync(path, 'utf8');
  }
  let list: unknown;
  try {
    list = JSON.parse(text);
  } catch {
    problems.push('  LGSP_UNITS: not JSON (an array of {code, agency, secret})');
    return [];
  }
  if (!Array.isArray(list) || list.length === 0 || list.length > 500) {
    problems.push('  LGSP_UNITS: an array of 1 to 500 {code, agency, secret}');
    return [];
  }
  const out: LgspUnitSetting[] = [];
  list.forEach((u: unknown, i) => {
    const o = (u && typeof u === 'object' ? u : {}) as Record<string, unknown>;
    const { code, agency, secret } = o;
    if (typeof code !== 'string' || !UNIT_CODE.test(code))
      problems.push(`  LGSP_UNITS[${i}].code: an agency identifier code (0-9, A-Z and dots)`);
    if (typeof agency !== 'string' || !UNIT_CODE.test(agency))
      problems.push(`  LGSP_UNITS[${i}].agency: the code of the agency this unit is`);
    if (typeof secret !== 'string' || secret.length < 16 || secret.length > 200)
      problems.push(`  LGSP_UNITS[${i}].secret: 16 to 200 characters`);
    if (typeof code === 'string' && out.some((x) => x.code === code))
      problems.push(`  LGSP_UNITS[${i}].code: ${code} is listed twice`);
    if (typeof agency === 'string' && out.some((x) => x.agency === agency))
      problems.push(`  LGSP_UNITS[${i}].agency: ${agency} has a unit already`);
    if (typeof code === 'string' && typeof agency === 'string' && typeof secret === 'string')
      out.push({ code, agency, secret });
  });
  return out;
}

/** An external LGSP ("trục liên thông" REST API) this deployment uses as its transport. */
export interface LgspSettings {
  /** The API base (…/truclienthong/v1.0.0), no trailing slash. */
  baseUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /**
   * The units (đơn vị liên thông) this deployment is on the LGSP, each with its own secret; the first
   * stands for the agencies no other covers. Secrets come from the configuration only: they are sent on
   * every call, so they cannot be hashed; they are never stored, logged or answered.
   */
  units: LgspUnitSetting[];
  /** PEM file of the CA roots accepted on arriving packages (loaded into the trust roots at start). */
  trustedCas: string | null;
  pollMs: number;
}

export function publicKeyBase64(k: KeyObject): string {
  return createPublicKey(k).export({ type: 'spki', format: 'der' }).toString('base64');
}

export function importPublicKey(b64: string): KeyObject {
  const k = createPublicKey({ key: Buffer.from(b64, 'base64'), format: 'der', type: 'spki' });
  if (k.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 public key');
  return k;
}

/** A fresh Ed25519 key pair, PKCS#8 and SPKI DER in base64 (CLI `exchange keygen`, tests). */
export function generateNodeKey(): { privateKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
  };
}

function loadNodeKey(config: Config): KeyObject {
  let b64 = config.EXCHANGE_NODE_KEY;
  if (!b64) {
    if (config.NODE_ENV === 'production')
      throw new ConfigError(
        'Invalid configuration:\n  EXCHANGE_NODE_KEY: required in production (egov exchange keygen)',
      );
    const path = join(config.DATA_DIR, 'exchange-node.key');
    if (existsSync(path)) b64 = readFileSync(path, 'utf8').trim();
    else {
      b64 = generateNodeKey().privateKey;
      mkdirSync(config.DATA_DIR, { recursive: true });
      writeFileSync(path, b64, { mode: 0o600 });
    }
  }
  try {
    const k = createPrivateKey({ key: Buffer.from(b64, 'base64'), format: 'der', type: 'pkcs8' });
    if (k.asymmetricKeyType !== 'ed25519') throw new Error('not Ed25519');
    return k;
  } catch {
    throw new ConfigError(
      'Invalid configuration:\n  EXCHANGE_NODE_KEY: must be an Ed25519 private key, PKCS#8 DER in base64',
    );
  }
}

/** Read and cross-check the EXCHANGE_* variables; a node needs its hub's URL and key. */
export function exchangeSettings(config: Config): ExchangeSettings {
  const problems: string[] = [];
  let hubKey: KeyObject | null = null;
  if (config.EXCHANGE_ROLE === 'node' && config.EXCHANGE_TRANSPORT === 'federation') {
    if (!config.EXCHANGE_HUB_URL) problems.push('  EXCHANGE_HUB_URL: required when EXCHANGE_ROLE=node');
    if (!config.EXCHANGE_HUB_KEY) problems.push('  EXCHANGE_HUB_KEY: required when EXCHANGE_ROLE=node');
  }
  if (config.EXCHANGE_ROLE === 'node') {
    if (!config.EXCHANGE_AGENCIES)
      problems.push('  EXCHANGE_AGENCIES: required when EXCHANGE_ROLE=node (the agencies this node serves)');
    if (config.EXCHANGE_NODE_ID === 'hub') problems.push('  EXCHANGE_NODE_ID: a node needs its own id');
  }
  let lgsp: LgspSettings | null = null;
  if (config.EXCHANGE_TRANSPORT === 'lgsp') {
    if (config.EXCHANGE_ROLE !== 'node')
      problems.push('  EXCHANGE_TRANSPORT: lgsp needs EXCHANGE_ROLE=node (a hub serves the LGSP API itself)');
    for (const k of ['LGSP_BASE_URL', 'LGSP_CLIENT_ID', 'LGSP_CLIENT_SECRET'] as const)
      if (!config[k]) problems.push(`  ${k}: required when EXCHANGE_TRANSPORT=lgsp`);
    const units: LgspUnitSetting[] = [];
    if (config.LGSP_UNIT_CODE || config.LGSP_UNIT_SECRET) {
      if (!config.LGSP_UNIT_CODE) problems.push('  LGSP_UNIT_CODE: required with LGSP_UNIT_SECRET');
      if (!config.LGSP_UNIT_SECRET) problems.push('  LGSP_UNIT_SECRET: required with LGSP_UNIT_CODE');
      if (config.LGSP_UNIT_CODE && config.LGSP_UNIT_SECRET)
        units.push({ code: config.LGSP_UNIT_CODE, agency: null, secret: config.LGSP_UNIT_SECRET });
    }
    if (config.LGSP_UNITS)
      for (const u of parseLgspUnits(config.LGSP_UNITS, problems)) {
        if (units.some((x) => x.code === u.code)) problems.push(`  LGSP_UNITS: ${u.code} is LGSP_UNIT_CODE already`);
        else units.push(u);
      }
    if (!config.LGSP_UNIT_CODE && !config.LGSP_UNITS)
      problems.push(
        '  LGSP_UNIT_CODE or LGSP_UNITS: required when EXCHANGE_TRANSPORT=lgsp (the units this deployment is)',
      );
    if (config.LGSP_TRUSTED_CAS && !existsSync(config.LGSP_TRUSTED_CAS))
      problems.push('  LGSP_TRUSTED_CAS: no such file');
    if (config.LGSP_BASE_URL && config.LGSP_CLIENT_ID && config.LGSP_CLIENT_SECRET && units.length) {
      const baseUrl = config.LGSP_BASE_URL.replace(/\/+$/, '');
      lgsp = {
        baseUrl,
        tokenUrl: config.LGSP_TOKEN_URL ?? `${new URL(baseUrl).origin}/token`,
        clientId: config.LGSP_CLIENT_ID,
        clientSecret: config.LGSP_CLIENT_SECRET,
        units,
        trustedCas: config.LGSP_TRUSTED_CAS ?? null,
        pollMs: config.LGSP_POLL_MS,
      };
    }
  }
  if (config.EXCHANGE_HUB_KEY) {
    try {
      hubKey = importPublicKey(config.EXCHANGE_HUB_KEY);
    } catch {
      problems.push('  EXCHANGE_HUB_KEY: must be an Ed25519 public key, SPKI DER in base64');
    }
  }
  if (problems.length) throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  const nodeKey = loadNodeKey(config);
  return {
    role: config.EXCHANGE_ROLE,
    nodeId: config.EXCHANGE_NODE_ID,
    hubUrl: config.EXCHANGE_HUB_URL?.replace(/\/$/, '') ?? null,
    nodeKey,
    publicKey: publicKeyBase64(nodeKey),
    hubKey,
    agencies: config.EXCHANGE_AGENCIES ? config.EXCHANGE_AGENCIES.split(',') : null,
    maxPackageBytes: config.EXCHANGE_MAX_PACKAGE_BYTES,
    retryMaxMs: config.EXCHANGE_RETRY_MAX_MS,
    pollMs: config.EXCHANGE_POLL_MS,
    syncMs: config.EXCHANGE_SYNC_MS,
    refusedGiveUpMs: config.EXCHANGE_REFUSED_GIVE_UP_MS,
    signaturePolicy: { acceptLegacySha1: config.EXCHANGE_LEGACY_SHA1 !== 'refuse' },
    transport: config.EXCHANGE_TRANSPORT,
    lgsp,
  };
}

/** Decision 20 codes nest left to right: `H26.01` is within `H26`. */
export function codeWithin(code: string, root: string): boolean {
  return code === root || code.startsWith(`${root}.`);
}
