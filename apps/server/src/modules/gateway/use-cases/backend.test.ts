import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { GatewayContext } from '../gateway.context.js';
import type { Exchange } from './call.js';
import {
  addressAllowed,
  backendPolicy,
  checkBackendUrl,
  declaredOperation,
  forwardToBackend,
  hostAllowed,
} from './backend.js';

const service = {
  code: 'test.person.v1',
  openapi: {
    openapi: '3.1.0',
    paths: {
      '/persons/{id}': { get: {}, parameters: [] },
      '/persons/search': { post: {} },
      '/health': { get: {} },
    },
  },
};

describe('back-end policy (GATEWAY_BACKEND_ALLOW)', () => {
  it('unset: any host, but never loopback, 0.0.0.0 or link-local (cloud metadata) addresses', () => {
    const p = backendPolicy(undefined);
    expect(hostAllowed(p, 'csdl.hanoi.gov.vn')).toBe(true);
    expect(addressAllowed(p, 'csdl.hanoi.gov.vn', '10.1.2.3')).toBe(true);
    for (const a of ['127.0.0.1', '169.254.169.254', '0.0.0.0', '::1', 'fe80::1', '::ffff:127.0.0.1'])
      expect(addressAllowed(p, 'csdl.hanoi.gov.vn', a), a).toBe(false);
    expect(checkBackendUrl(p, 'https://csdl.hanoi.gov.vn/api/')).toBe('https://csdl.hanoi.gov.vn/api');
  });

  it('set: names, *.suffix wildcards, addresses and CIDR ranges; loopback only when named', () => {
    const p = backendPolicy(' *.gov.vn, danhmuc.example.org ,10.20.0.0/16, 127.0.0.1');
    expect(hostAllowed(p, 'csdl.hanoi.gov.vn')).toBe(true);
    expect(hostAllowed(p, 'gov.vn.evil.example')).toBe(false);
    expect(hostAllowed(p, 'DanhMuc.Example.org')).toBe(true);
    expect(hostAllowed(p, '10.20.3.4')).toBe(true);
    expect(hostAllowed(p, '10.21.3.4')).toBe(false);
    expect(addressAllowed(p, '127.0.0.1', '127.0.0.1')).toBe(true);
    // A listed name that resolves to this machine or the metadata address is still refused.
    expect(addressAllowed(p, 'csdl.hanoi.gov.vn', '169.254.169.254')).toBe(false);
    expect(addressAllowed(p, 'csdl.hanoi.gov.vn', '127.0.0.2')).toBe(false);
    expect(() => checkBackendUrl(p, 'https://example.com/api')).toThrow(
      expect.objectContaining({
        errors: [expect.objectContaining({ path: 'baseUrl', code: 'GATEWAY_BACKEND_NOT_ALLOWED' })],
      }),
    );
  });

  it('the base URL: http(s) only, without credentials, query or fragment', () => {
    const p = backendPolicy(undefined);
    for (const bad of ['ftp://x.gov.vn/', 'file:///etc/passwd', 'https://u:p@x.gov.vn/', 'https://x.gov.vn/?a=1', 'x'])
      expect(() => checkBackendUrl(p, bad), bad).toThrow(
        expect.objectContaining({ errors: [expect.objectContaining({ path: 'baseUrl' })] }),
      );
  });
});

describe('declared operations', () => {
  it('matches a method and a path template, one segment per parameter', () => {
    expect(declaredOperation(service, 'GET', '/persons/001094000123')).toBe('/persons/001094000123');
    expect(declaredOperation(service, 'POST', '/persons/search')).toBe('/persons/search');
    expect(() => declaredOperation(service, 'GET', '/persons/1/2')).toThrow(
      expect.objectContaining({ code: 'GATEWAY_OPERATION_NOT_DECLARED' }),
    );
    expect(() => declaredOperation(service, 'DELETE', '/persons/1')).toThrow(
      expect.objectContaining({ code: 'GATEWAY_OPERATION_NOT_DECLARED' }),
    );
    expect(() => declaredOperation(service, 'GET', '/persons/')).toThrow(
      expect.objectContaining({ code: 'GATEWAY_OPERATION_NOT_DECLARED' }),
    );
  });

  it('refuses paths that could leave the declared ones (dot segments, encoded slashes, empty segments)', () => {
    for (const path of ['/persons/..', '/persons/%2E%2E', '/persons/a%2fb', '/persons/a%5cb', '//x/persons', '/a b'])
      expect(() => declaredOperation(service, 'GET', path), path).toThrow(
        expect.objectContaining({ errors: [expect.objectContaining({ path: 'path', code: 'INVALID_PATH' })] }),
      );
  });

  it('without a path: the only plain operation of that method, else the path is required', () => {
    expect(declaredOperation(service, 'POST', undefined)).toBe('/persons/search');
    expect(declaredOperation(service, 'GET', undefined)).toBe('/health');
    expect(() => declaredOperation(service, 'PUT', undefined)).toThrow(
      expect.objectContaining({ errors: [expect.objectContaining({ path: 'path', code: 'PATH_REQUIRED' })] }),
    );
  });
});

describe('the address connected to (DNS lookup of the request itself)', () => {
  it('a name that resolves to loopback is refused unless the allow-list names it; an unknown name says ENOTFOUND', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const ctx = (allow?: string) =>
      ({
        config: {
          GATEWAY_BACKEND_ALLOW: allow,
          GATEWAY_BACKEND_CONNECT_TIMEOUT_MS: 1000,
          GATEWAY_BACKEND_TIMEOUT_MS: 2000,
          GATEWAY_BACKEND_MAX_BYTES: 4096,
        },
      }) as unknown as GatewayContext;
    const svc = {
      code: 'test.x.v1',
      openapi: { paths: { '/a': { get: {} } } },
      backendUrl: `http://localhost:${port}/api`,
    };
    const x = {
      messageId: 'gwx_test',
      client: 'VN:GOV:H26:motcua',
      service: 'test.x.v1',
      provider: 'VN:GOV:G22:dancu',
      purpose: 'dossier-processing',
      actor: { kind: 'official', accountId: 'usr_x' },
      dossierCode: null,
      params: {},
      path: '/a',
    } satisfies Exchange;
    try {
      expect(await forwardToBackend(ctx('localhost'), svc, x)).toEqual({ status: 200, body: { ok: true } });
      await expect(forwardToBackend(ctx(undefined), svc, x)).rejects.toMatchObject({
        status: 502,
        code: 'GATEWAY_BACKEND_UNREACHABLE',
        params: { cause: 'ADDRESS_NOT_ALLOWED' },
      });
      await expect(forwardToBackend(ctx('*.gov.vn'), svc, x)).rejects.toMatchObject({
        params: { cause: 'NOT_ALLOWED' },
      });
      await expect(
        forwardToBackend(ctx(undefined), { ...svc, backendUrl: 'http://no-such-host.invalid/api' }, x),
      ).rejects.toMatchObject({ status: 502, params: { cause: 'ENOTFOUND' } });
    } finally {
      server.close();
    }
  });
});
