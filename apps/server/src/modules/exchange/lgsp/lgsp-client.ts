import type { LgspSettings, LgspUnitSetting } from '../exchange.settings.js';
import type { KetQua, VanBan } from './lgsp-example-client.js';

/** How long one call to the LGSP may take before it counts as a network failure. */
const CALL_TIMEOUT_MS = 60_000;
/** A token is renewed this long before the expiry it announced (clock skew, a slow call). */
const EXPIRY_MARGIN_MS = 30_000;

/** The LGSP answered, but not with success: the HTTP status and the envelope's error code and text. */
export class LgspCallFailed extends Error {
  constructor(
    readonly http: number,
    readonly code: string,
    readonly desc: string,
  ) {
    super(`LGSP HTTP ${http} ${code}${desc ? `: ${desc}` : ''}`.trim());
  }
  /** The LGSP refused who we are (token, client or unit secret): it will not heal by retrying soon. */
  get unauthorized() {
    return this.http === 401 || this.http === 403;
  }
}

/**
 * The OAuth2 client-credentials token of this deployment's LGSP client, shared by its units (one
 * consumer key, several unit secrets): kept until shortly before it expires, one request at a time.
 */
export class LgspTokens {
  private token: { value: string; expiresAt: number } | null = null;
  private fetching: Promise<string> | null = null;
  /** Tokens obtained so far (tests, metrics). */
  issued = 0;

  constructor(
    private readonly s: LgspSettings,
    private readonly now: () => number = () => Date.now(),
  ) {}

  private async newToken(): Promise<string> {
    const res = await fetch(this.s.tokenUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${this.s.clientId}:${this.s.clientSecret}`).toString('base64')}`,
      },
      body: 'grant_type=client_credentials',
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    });
    const json = (await res.json().catch(() => ({}))) as {
      access_token?: string;
      expires_in?: number;
      error?: string;
      error_description?: string;
    };
    if (!res.ok || !json.access_token)
      throw new LgspCallFailed(res.status, json.error ?? 'TOKEN_REFUSED', json.error_description ?? '');
    const ttl = Number(json.expires_in) > 0 ? Number(json.expires_in) * 1000 : 300_000;
    this.token = { value: json.access_token, expiresAt: this.now() + ttl - Math.min(EXPIRY_MARGIN_MS, ttl / 2) };
    this.issued++;
    return json.access_token;
  }

  /** The cached token, or a new one (one request at a time, shared by concurrent callers). */
  async bearer(): Promise<string> {
    if (this.token && this.token.expiresAt > this.now()) return this.token.value;
    this.fetching ??= this.newToken().finally(() => {
      this.fetching = null;
    });
    return this.fetching;
  }

  /** The gateway no longer takes it: the next call gets a new one. */
  forget(value: string) {
    if (this.token?.value === value) this.token = null;
  }
}

/**
 * The client a deployment uses when an external LGSP is its transport (ADR 0017 addendum), for one of
 * its units: the same calls as the public example client (`LgspExampleClient`), plus what a transport
 * needs: the token kept until shortly before it expires, renewed once when a call answers 401, a
 * timeout on every call, errors that keep the LGSP's own code and text. Each unit sends its own secret;
 * the token is the deployment's. Secrets and tokens are never put in an error.
 */
export class LgspClient {
  constructor(
    private readonly s: LgspSettings,
    private readonly unit: LgspUnitSetting = s.units[0]!,
    readonly tokens: LgspTokens = new LgspTokens(s),
  ) {}

  /** The unit's code on the LGSP. */
  get unitCode() {
    return this.unit.code;
  }
  /** The agency this unit is here (null: every agency the deployment serves that no other unit covers). */
  get agency() {
    return this.unit.agency;
  }
  /** Tokens obtained so far by this deployment (tests, metrics). */
  get tokensIssued() {
    return this.tokens.issued;
  }

  private async call<T extends KetQua>(
    method: string,
    path: string,
    o: { headers?: Record<string, string>; body?: string } = {},
  ): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.tokens.bearer();
      const res = await fetch(`${this.s.baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          secret: this.unit.secret,
          ...(o.body !== undefined
            ? { 'content-type': o.body.startsWith('{') ? 'application/json' : 'text/plain' }
            : {}),
          ...o.headers,
        },
        body: o.body,
        signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
      });
      const json = (await res.json().catch(() => null)) as T | null;
      // A token the gateway no longer takes (expired early, the LGSP restarted): a new one, once.
      if (res.status === 401 && attempt === 0 && !/SECRET/.test(json?.errorCode ?? '')) {
        this.tokens.forget(token);
        continue;
      }
      if (!res.ok || !json || json.status !== 'OK')
        throw new LgspCallFailed(res.status, json?.errorCode ?? 'HTTP_ERROR', json?.errorDesc ?? '');
      return json;
    }
  }

  /** GET /vanbans: what arrived for the unit and is not DONE. */
  async incoming(): Promise<VanBan[]> {
    return (await this.call<KetQua & { data: VanBan[] }>('GET', '/vanbans')).data ?? [];
  }

  /** GET /vanbans/{docId}: the package's bytes. */
  async fetchPackage(docId: string): Promise<Buffer> {
    const r = await this.call<KetQua & { data: string }>('GET', `/vanbans/${encodeURIComponent(docId)}`);
    if (typeof r.data !== 'string') throw new LgspCallFailed(200, 'NO_DATA', 'the answer carries no package');
    return Buffer.from(r.data, 'base64');
  }

  /** POST /vanbans: a sealed edXML, type edoc or status; the docIds the LGSP gave it. */
  async send(bytes: Buffer, type: 'edoc' | 'status'): Promise<KetQua & { docId?: string }> {
    return this.call('POST', '/vanbans', { body: bytes.toString('base64'), headers: { type } });
  }

  /** PUT /vanbans/{docId}: INITIAL, PROCESSING, DONE, or FAIL with the reason. */
  async setState(docId: string, status: 'PROCESSING' | 'DONE' | 'FAIL', reason?: string): Promise<void> {
    await this.call('PUT', `/vanbans/${encodeURIComponent(docId)}`, {
      headers: { status },
      body: JSON.stringify(reason ? { status, errorDesc: reason.slice(0, 1000) } : { status }),
    });
  }

  /** GET /donvilienthongs: the connected units. */
  async units() {
    return (
      (
        await this.call<KetQua & { data: { id: string; code: string; name: string; pid: string | null }[] }>(
          'GET',
          '/donvilienthongs',
        )
      ).data ?? []
    );
  }
}
