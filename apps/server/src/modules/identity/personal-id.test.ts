import { describe, expect, it } from 'vitest';
import { centuryGenderDigit, checkPersonalId, makePersonalId } from './personal-id.js';
import { checkTaxCode, isPersonalIdTaxCode, makeTaxCode, normaliseTaxCode, taxCheckDigit } from './tax-code.js';
import { checkPasswordStrength } from './password-policy.js';

describe('personal ID number (12 digits)', () => {
  it('encodes century and gender in the fourth digit', () => {
    expect(centuryGenderDigit(1999, 'male')).toBe(0);
    expect(centuryGenderDigit(1999, 'female')).toBe(1);
    expect(centuryGenderDigit(2005, 'male')).toBe(2);
    expect(centuryGenderDigit(2005, 'female')).toBe(3);
    expect(centuryGenderDigit(2100, 'female')).toBe(5);
  });
  it('accepts a consistent number and names each inconsistency', () => {
    expect(checkPersonalId('001099012345', '1999-03-15', 'male')).toBeNull();
    expect(checkPersonalId('079305000001', '2005-01-01', 'female')).toBeNull();
    expect(checkPersonalId('00109901234', '1999-03-15', 'male')).toBe('INVALID_ID_NUMBER_FORMAT');
    expect(checkPersonalId('00109901234a', '1999-03-15', 'male')).toBe('INVALID_ID_NUMBER_FORMAT');
    expect(checkPersonalId('003099012345', '1999-03-15', 'male')).toBe('INVALID_ID_NUMBER_PROVINCE');
    expect(checkPersonalId('001099012345', '1998-03-15', 'male')).toBe('ID_NUMBER_BIRTH_MISMATCH');
    expect(checkPersonalId('001299012345', '1999-03-15', 'male')).toBe('ID_NUMBER_BIRTH_MISMATCH'); // 2099
    expect(checkPersonalId('001099012345', '1999-03-15', 'female')).toBe('ID_NUMBER_GENDER_MISMATCH');
  });
  it('makes numbers that pass its own check', () => {
    const id = makePersonalId('048', '2003-12-31', 'female', 42);
    expect(id).toBe('048303000042');
    expect(checkPersonalId(id, '2003-12-31', 'female')).toBeNull();
  });
});

describe("an individual's tax code is his personal ID number (Circular 86/2024/TT-BTC)", () => {
  it('accepts a 12-digit personal ID number where the code may be an individual’s', () => {
    const id = makePersonalId('001', '1980-05-02', 'male', 1234);
    expect(checkTaxCode(id, { individual: true })).toBeNull();
    expect(checkTaxCode(` ${id} `, { individual: true })).toBeNull();
    expect(isPersonalIdTaxCode(id)).toBe(true);
    expect(normaliseTaxCode(id)).toBe(id);
  });
  it('refuses twelve digits that are not a personal ID number', () => {
    // 003 is no province of birth registration.
    expect(checkTaxCode('003080001234', { individual: true })).toBe('INVALID_TAX_CODE_PERSONAL_ID');
  });
  it('keeps an organisation’s tax code at 10 or 13 digits', () => {
    const id = makePersonalId('001', '1980-05-02', 'male', 1234);
    expect(checkTaxCode(id)).toBe('INVALID_TAX_CODE_FORMAT');
    expect(checkTaxCode('0100109106', { individual: true })).toBeNull();
    expect(checkTaxCode('0100109107', { individual: true })).toBe('INVALID_TAX_CODE_CHECK_DIGIT');
    expect(checkTaxCode('01001091061', { individual: true })).toBe('INVALID_TAX_CODE_FORMAT');
  });
});

describe('tax code', () => {
  it('computes the check digit with weights 31,29,23,19,17,13,7,5,3', () => {
    // 0100109106: Viettel's published tax code.
    expect(taxCheckDigit('010010910')).toBe(6);
    expect(checkTaxCode('0100109106')).toBeNull();
    expect(checkTaxCode('0100109107')).toBe('INVALID_TAX_CODE_CHECK_DIGIT');
  });
  it('accepts the 13-digit branch form with or without the dash', () => {
    expect(checkTaxCode('0100109106-001')).toBeNull();
    expect(checkTaxCode('0100109106001')).toBeNull();
    expect(normaliseTaxCode('0100109106001')).toBe('0100109106-001');
    expect(checkTaxCode('0100109106-000')).toBe('INVALID_TAX_CODE_FORMAT');
    expect(checkTaxCode('01001091')).toBe('INVALID_TAX_CODE_FORMAT');
  });
  it('refuses first digits whose checksum has no single-digit check digit', () => {
    // Σ mod 11 = 0 would need a check digit of 10.
    let found: string | null = null;
    for (let i = 0; i < 1000 && !found; i++) {
      const nine = String(100000000 + i * 7919).slice(0, 9);
      if (taxCheckDigit(nine) === null) found = nine;
    }
    expect(found).not.toBeNull();
    expect(makeTaxCode(found!)).toBeNull();
  });
});

describe('password strength', () => {
  it('needs 8 characters and three character classes, or 14 characters', () => {
    expect(checkPasswordStrength('Ab1!')).toBe('PASSWORD_TOO_SHORT');
    expect(checkPasswordStrength('abcdefgh')).toBe('PASSWORD_TOO_WEAK');
    expect(checkPasswordStrength('Abcdefg1')).toBeNull();
    expect(checkPasswordStrength('mot hai ba bon nam')).toBeNull();
  });
});
