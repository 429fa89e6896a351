import { describe, expect, it } from 'vitest';
import { checkRegisterForm, type RegisterForm } from './register-validation';

const base: RegisterForm = {
  accountType: 'citizen',
  idNumber: '001090123456',
  taxCode: '',
  fullName: 'Nguyễn Văn An',
  dateOfBirth: '1990-05-01',
  gender: 'male',
  email: 'an@example.vn',
  phone: '0912345678',
  password: 'Secret@123',
  passwordConfirm: 'Secret@123',
};

describe('checkRegisterForm', () => {
  it('accepts a complete citizen form', () => {
    expect(checkRegisterForm(base)).toEqual([]);
  });

  it('reports missing and malformed fields', () => {
    const problems = checkRegisterForm({
      ...base,
      idNumber: '123',
      fullName: ' ',
      gender: '',
      email: 'x',
      passwordConfirm: 'other',
    });
    expect(problems).toEqual([
      { path: 'idNumber', code: 'INVALID_ID_NUMBER_FORMAT' },
      { path: 'fullName', code: 'REQUIRED' },
      { path: 'gender', code: 'REQUIRED' },
      { path: 'email', code: 'INVALID_EMAIL' },
      { path: 'passwordConfirm', code: 'PASSWORD_MISMATCH' },
    ]);
  });

  it('checks the tax code for businesses instead of the ID number', () => {
    const biz = { ...base, accountType: 'business' as const, idNumber: '', dateOfBirth: '', gender: '' as const };
    expect(checkRegisterForm({ ...biz, taxCode: '0100109106' })).toEqual([]);
    expect(checkRegisterForm({ ...biz, taxCode: '0100109106-001' })).toEqual([]);
    // A household or individual business: the owner's personal ID number (Circular 86/2024/TT-BTC).
    expect(checkRegisterForm({ ...biz, taxCode: '001175000077' })).toEqual([]);
    expect(checkRegisterForm({ ...biz, taxCode: '12345' })).toEqual([
      { path: 'taxCode', code: 'INVALID_TAX_CODE_FORMAT' },
    ]);
  });
});
