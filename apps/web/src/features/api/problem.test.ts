import { describe, expect, it } from 'vitest';
import { buildQuery, readCookie } from './client';
import { describeProblem, type Lookup, toProblem } from './problem';

const messages: Record<string, string> = {
  'errors:codes.INVALID_CREDENTIALS': 'Tên đăng nhập hoặc mật khẩu không đúng.',
  'errors:codes.VALIDATION_FAILED': 'Vui lòng kiểm tra lại.',
  'errors:codes.ACCOUNT_LOCKED': 'Thử lại sau {{minutes}} phút.',
  'errors:fields.ID_NUMBER_BIRTH_MISMATCH': 'Không khớp năm sinh.',
  'errors:fields.idNumber.INVALID_FORMAT': 'Gồm đúng 12 chữ số.',
  'errors:fields.INVALID_FORMAT': 'Định dạng không hợp lệ.',
  'errors:status.500': 'Sự cố hệ thống.',
};
const lookup: Lookup = (key, params) => {
  const m = messages[key];
  return m === undefined ? undefined : m.replace(/{{(\w+)}}/g, (_, k: string) => String(params?.[k] ?? ''));
};

describe('describeProblem', () => {
  it('translates the problem code', () => {
    const d = describeProblem(
      { status: 401, code: 'INVALID_CREDENTIALS', detail: 'Wrong username or password.' },
      lookup,
    );
    expect(d).toEqual({ message: 'Tên đăng nhập hoặc mật khẩu không đúng.', fields: {} });
  });

  it('falls back to the server detail, then to the status message', () => {
    expect(describeProblem({ status: 409, code: 'SOMETHING_NEW', detail: 'Server says so.' }, lookup).message).toBe(
      'Server says so.',
    );
    expect(describeProblem({ status: 500, code: 'SOMETHING_NEW' }, lookup).message).toBe('Sự cố hệ thống.');
    expect(describeProblem({ status: 418, code: 'TEAPOT' }, lookup).message).toBe('TEAPOT');
  });

  it('maps field errors: path-specific key, then code, then server message', () => {
    const d = describeProblem(
      {
        status: 422,
        code: 'VALIDATION_FAILED',
        errors: [
          { path: 'idNumber', code: 'INVALID_FORMAT', message: 'The personal ID number has 12 digits.' },
          { path: 'dateOfBirth', code: 'ID_NUMBER_BIRTH_MISMATCH', message: 'x' },
          { path: 'email', code: 'INVALID_FORMAT', message: 'Invalid email address' },
          { path: 'phone', code: 'UNHEARD_OF', message: 'A Vietnamese phone number.' },
          { path: 'phone', code: 'SECOND', message: 'ignored: first error per field wins' },
        ],
      },
      lookup,
    );
    expect(d.message).toBe('Vui lòng kiểm tra lại.');
    expect(d.fields).toEqual({
      idNumber: 'Gồm đúng 12 chữ số.',
      dateOfBirth: 'Không khớp năm sinh.',
      email: 'Định dạng không hợp lệ.',
      phone: 'A Vietnamese phone number.',
    });
  });

  it('derives minutes from retryAfter seconds', () => {
    expect(describeProblem({ status: 429, code: 'ACCOUNT_LOCKED', params: { retryAfter: 61 } }, lookup).message).toBe(
      'Thử lại sau 2 phút.',
    );
  });
});

describe('toProblem', () => {
  it('keeps a problem+json body and drops malformed field errors', () => {
    const p = toProblem(422, {
      type: '/problems/x',
      title: 'T',
      status: 422,
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'a', code: 'B' }, { nope: 1 }],
      traceId: 't',
    });
    expect(p).toMatchObject({
      status: 422,
      code: 'VALIDATION_FAILED',
      traceId: 't',
      errors: [{ path: 'a', code: 'B' }],
    });
  });

  it('invents a code for non-problem answers and network failures', () => {
    expect(toProblem(502, '<html>Bad gateway</html>', 'Bad Gateway')).toEqual({
      status: 502,
      code: 'HTTP_502',
      detail: '<html>Bad gateway</html>',
    });
    expect(toProblem(0, null).code).toBe('NETWORK_ERROR');
  });
});

describe('request helpers', () => {
  it('reads the CSRF cookie among others', () => {
    expect(readCookie('egov_csrf', 'a=1; egov_csrf=abc%3D; b=2')).toBe('abc=');
    expect(readCookie('egov_csrf', 'a=1')).toBeUndefined();
  });

  it('builds a query string without empty values', () => {
    expect(buildQuery({ q: 'hà nội', level: '', page: 2, parent: undefined, x: null })).toBe(
      '?q=h%C3%A0+n%E1%BB%99i&page=2',
    );
    expect(buildQuery({})).toBe('');
  });
});
