import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';
import { checkPersonalId } from '../personal-id.js';

/**
 * A stand-in for the national identity provider (VNeID) in development and tests: a real OpenID
 * Provider (oidc-provider: authorization code + PKCE, signed ID tokens) whose login page lets
 * anyone assert any citizen. It keeps its books in memory and is reached by the platform only over
 * HTTP, as the real one would be. Never mounted in production (VNEID_SANDBOX).
 */
export interface VneidSandboxOptions {
  /** The issuer URL, exactly as clients will see it (`http://127.0.0.1:5001`, `https://host/sandbox/vneid`). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

export interface VneidSandbox {
  issuer: string;
  /** Node handler for a request whose `url` is relative to the issuer's path (`/auth`, `/interaction/…`). */
  handle(req: IncomingMessage & { originalUrl?: string }, res: ServerResponse): Promise<void>;
}

/** The claims the sandbox puts in the ID token (the names ADR 0015 assumes for VNeID). */
interface Person {
  citizen_pid: string;
  name: string;
  birthdate: string;
  gender: 'male' | 'female';
  email?: string;
  identity_level: number;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string) {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>
body{font-family:system-ui,sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.4rem;color:#a4161a}.note{background:#fff4e5;border-left:4px solid #e67e22;padding:.5rem 1rem}
label{display:block;margin-top:1rem;font-weight:600}input,select{font-size:1rem;padding:.4rem;width:100%;box-sizing:border-box}
button{margin-top:1.5rem;font-size:1rem;padding:.6rem 1.2rem;background:#a4161a;color:#fff;border:0;border-radius:4px}
.error{color:#a4161a;font-weight:600}</style></head><body>${body}</body></html>`;
}

function loginForm(action: string, clientName: string, error?: string, v: Partial<Record<string, string>> = {}) {
  const val = (k: string) => esc(v[k] ?? '');
  return page(
    'VNeID (hộp cát) — Đăng nhập',
    `<h1>VNeID — Định danh điện tử (hộp cát)</h1>
<p class="note">Môi trường thử nghiệm: trang này đứng thay cho ứng dụng VNeID của Bộ Công an. Bất kỳ ai cũng có thể khai
một công dân ở đây; không dùng trong vận hành thật.</p>
<p><strong>${esc(clientName)}</strong> đề nghị xác thực danh tính của bạn và nhận: số định danh cá nhân, họ tên, ngày sinh, giới tính.</p>
${error ? `<p class="error" role="alert">${esc(error)}</p>` : ''}
<form method="post" action="${esc(action)}">
<label for="pid">Số định danh cá nhân</label><input id="pid" name="citizen_pid" inputmode="numeric" maxlength="12" required value="${val('citizen_pid')}">
<label for="name">Họ, chữ đệm và tên</label><input id="name" name="name" required maxlength="100" value="${val('name')}">
<label for="dob">Ngày sinh</label><input id="dob" name="birthdate" type="date" required value="${val('birthdate')}">
<label for="gender">Giới tính</label><select id="gender" name="gender"><option value="male"${v.gender === 'female' ? '' : ' selected'}>Nam</option><option value="female"${v.gender === 'female' ? ' selected' : ''}>Nữ</option></select>
<label for="email">Thư điện tử (không bắt buộc)</label><input id="email" name="email" type="email" maxlength="254" value="${val('email')}">
<button type="submit">Xác nhận và đồng ý chia sẻ</button>
</form>`,
  );
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > 16 * 1024) throw new Error('form too large');
    chunks.push(c as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export async function createVneidSandbox(o: VneidSandboxOptions): Promise<VneidSandbox> {
  const people = new Map<string, Person>();
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: 'vneid-sandbox', alg: 'RS256', use: 'sig' };
  const basePath = new URL(o.issuer).pathname.replace(/\/$/, '');
  const provider = new Provider(o.issuer, {
    clients: [
      {
        client_id: o.clientId,
        client_secret: o.clientSecret,
        client_name: 'Cổng dịch vụ công',
        redirect_uris: o.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [jwk] },
    cookies: {
      keys: [randomBytes(32).toString('hex')],
      names: { session: 'vneid_session', interaction: 'vneid_interaction', resume: 'vneid_resume' },
      long: { path: basePath || '/', sameSite: 'lax' },
      short: { path: basePath || '/', sameSite: 'lax' },
    },
    claims: {
      openid: ['sub'],
      profile: ['name', 'birthdate', 'gender'],
      email: ['email'],
      citizen: ['citizen_pid', 'identity_level'],
    },
    scopes: ['openid', 'profile', 'email', 'citizen'],
    // The claims ride in the ID token: the relying party needs no userinfo call.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    responseTypes: ['code'],
    features: { devInteractions: { enabled: false } },
    findAccount: async (_kctx: KoaContextWithOIDC, sub: string) => {
      const person = people.get(sub);
      if (!person) return undefined;
      return { accountId: sub, claims: () => ({ sub, ...person }) };
    },
    interactions: { url: async (_kctx: KoaContextWithOIDC, i: { uid: string }) => `${basePath}/interaction/${i.uid}` },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 1800, Session: 1800, Grant: 1800 },
  });
  provider.proxy = true;
  const callback = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string) {
    const details = await provider.interactionDetails(req, res).catch(() => null);
    const send = (status: number, html: string) => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(html);
    };
    if (!details || details.uid !== uid)
      return send(
        400,
        page('VNeID (hộp cát)', '<h1>Phiên đăng nhập đã hết hạn</h1><p>Hãy bắt đầu lại từ Cổng dịch vụ công.</p>'),
      );
    const client = await provider.Client.find(String(details.params.client_id));
    const clientName = client?.clientName ?? String(details.params.client_id);
    const action = `${basePath}/interaction/${uid}`;
    const grantFor = async (accountId: string) => {
      const grant = new provider.Grant({ accountId, clientId: String(details.params.client_id) });
      grant.addOIDCScope(String(details.params.scope ?? 'openid'));
      return grant.save();
    };
    const finish = async (result: Record<string, unknown>) => {
      const to = await provider.interactionResult(req, res, result, { mergeWithLastSubmission: false });
      res.writeHead(303, { location: to });
      res.end();
    };
    // Signed in already (this browser's sandbox session): the consent is implied, as for the login.
    if (details.prompt.name === 'consent' && details.session?.accountId)
      return finish({ consent: { grantId: await grantFor(details.session.accountId) } });
    if (req.method !== 'POST') return send(200, loginForm(action, clientName));
    const form = await readForm(req);
    const v = Object.fromEntries(form.entries());
    const pid = (v.citizen_pid ?? '').trim();
    const gender = v.gender === 'female' ? 'female' : 'male';
    const problem = /^\d{12}$/.test(pid) ? checkPersonalId(pid, v.birthdate, gender) : 'INVALID_ID_NUMBER_FORMAT';
    if (problem || !(v.name ?? '').trim())
      return send(422, loginForm(action, clientName, `Thông tin không hợp lệ (${problem ?? 'REQUIRED'}).`, v));
    people.set(pid, {
      citizen_pid: pid,
      name: (v.name ?? '').normalize('NFC').trim(),
      birthdate: v.birthdate ?? '',
      gender,
      ...(v.email ? { email: v.email.trim() } : {}),
      identity_level: 2,
    });
    await finish({ login: { accountId: pid }, consent: { grantId: await grantFor(pid) } });
  }

  return {
    issuer: o.issuer,
    async handle(req, res) {
      const m = /^\/interaction\/([A-Za-z0-9_-]{1,100})$/.exec((req.url ?? '').split('?')[0] ?? '');
      if (m) {
        await interaction(req, res, m[1]!).catch((err: unknown) => {
          if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
          res.end(`VNeID sandbox error: ${(err as Error).message}`);
        });
        return;
      }
      await callback(req, res);
    },
  };
}

/** The sandbox on its own HTTP server (tests, or a separate process): `http://host:port` is the issuer. */
export async function startVneidSandbox(
  o: Omit<VneidSandboxOptions, 'issuer'> & { port: number; host?: string },
): Promise<{ issuer: string; close(): Promise<void> }> {
  const host = o.host ?? '127.0.0.1';
  const sandbox = await createVneidSandbox({ ...o, issuer: `http://${host}:${o.port}` });
  const server: Server = createServer((req, res) => void sandbox.handle(req, res));
  await new Promise<void>((ok) => server.listen(o.port, host, ok));
  return {
    issuer: sandbox.issuer,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
