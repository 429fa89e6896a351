import { hash } from '@node-rs/argon2';
import type { ActorContext } from '../../../platform/http/auth.js';
import { ConflictError, type FieldError, ValidationError } from '../../../platform/http/errors.js';
import { newId } from '../../../platform/ids/index.js';
import { isUniqueViolation } from '../../../platform/db/index.js';
import { recordAudit } from '../../audit/index.js';
import type { IdentityContext } from '../identity.context.js';
import { identityRepository as repo } from '../identity.repository.js';
import { checkPasswordStrength } from '../password-policy.js';
import { checkPersonalId, type Gender } from '../personal-id.js';
import { checkTaxCode, normaliseTaxCode } from '../tax-code.js';

export interface RegisterInput {
  accountType?: 'citizen' | 'business';
  idNumber?: string;
  taxCode?: string;
  fullName: string;
  dateOfBirth?: string;
  gender?: Gender;
  email: string;
  phone: string;
  password: string;
}

const MESSAGES: Record<string, string> = {
  INVALID_ID_NUMBER_FORMAT: 'The personal ID number must have 12 digits.',
  INVALID_ID_NUMBER_PROVINCE: 'The first three digits are not a province code.',
  ID_NUMBER_BIRTH_MISMATCH: 'The personal ID number does not match the date of birth.',
  ID_NUMBER_GENDER_MISMATCH: 'The personal ID number does not match the gender.',
  INVALID_TAX_CODE_FORMAT: 'A tax code has 10 digits, or 10 digits, a dash and 3 digits.',
  INVALID_TAX_CODE_CHECK_DIGIT: 'The check digit of the tax code is wrong.',
  PASSWORD_TOO_SHORT: 'The password needs at least 8 characters.',
  PASSWORD_TOO_WEAK: 'Use three of: lower case, upper case, digits, symbols.',
};

const fe = (path: string, code: string): FieldError => ({ path, code, message: MESSAGES[code] ?? code });

/** Citizens register with their personal ID number, businesses with their tax code. */
export async function registerAccount(ctx: IdentityContext, actor: ActorContext, input: RegisterInput) {
  const type = input.accountType ?? (input.taxCode && !input.idNumber ? 'business' : 'citizen');
  const errors: FieldError[] = [];
  let username: string;
  if (type === 'citizen') {
    if (!input.idNumber) errors.push({ path: 'idNumber', code: 'REQUIRED', message: 'Required.' });
    if (!input.dateOfBirth) errors.push({ path: 'dateOfBirth', code: 'REQUIRED', message: 'Required.' });
    if (!input.gender) errors.push({ path: 'gender', code: 'REQUIRED', message: 'Required.' });
    if (input.dateOfBirth && input.dateOfBirth > ctx.clock.now().toISOString().slice(0, 10)) {
      errors.push({ path: 'dateOfBirth', code: 'DATE_IN_FUTURE', message: 'The date of birth is in the future.' });
    }
    const problem = input.idNumber ? checkPersonalId(input.idNumber, input.dateOfBirth, input.gender) : null;
    if (problem) errors.push(fe('idNumber', problem));
    username = input.idNumber ?? '';
  } else {
    if (!input.taxCode) errors.push({ path: 'taxCode', code: 'REQUIRED', message: 'Required.' });
    const problem = input.taxCode ? checkTaxCode(input.taxCode) : null;
    if (problem) errors.push(fe('taxCode', problem));
    username = input.taxCode ? normaliseTaxCode(input.taxCode) : '';
  }
  const pw = checkPasswordStrength(input.password);
  if (pw) errors.push(fe('password', pw));
  if (errors.length) throw new ValidationError(errors);

  const passwordHash = await hash(input.password);
  const email = input.email.trim().toLowerCase();
  const conflict = () =>
    new ConflictError('ACCOUNT_EXISTS', 'An account already exists for this identity.', {
      field: type === 'citizen' ? 'idNumber' : 'taxCode',
    });
  return ctx.db
    .transaction(async (tx) => {
      const taken = await repo.conflicts(tx, {
        username,
        idNumber: type === 'citizen' ? username : null,
        taxCode: type === 'business' ? username : null,
        email,
      });
      if (taken.length) {
        const byEmail =
          taken.some((t) => t.email?.toLowerCase() === email) && !taken.some((t) => t.username === username);
        throw new ConflictError('ACCOUNT_EXISTS', 'An account already exists for this identity.', {
          field: byEmail ? 'email' : type === 'citizen' ? 'idNumber' : 'taxCode',
        });
      }
      const user = await repo.insertUser(tx, {
        id: newId('usr'),
        kind: type,
        username,
        idNumber: type === 'citizen' ? username : null,
        taxCode: type === 'business' ? username : null,
        email,
        phone: input.phone.trim(),
        fullName: input.fullName.normalize('NFC').trim(),
        dateOfBirth: type === 'citizen' ? input.dateOfBirth : null,
        gender: type === 'citizen' ? input.gender : null,
        passwordHash,
        roles: [],
      });
      await recordAudit(
        tx,
        { ...actor, actorId: user.id, actorName: username },
        {
          action: 'user.registered',
          subjectType: 'user',
          subjectId: user.id,
          after: { username, kind: type },
        },
        ctx.clock.now(),
      );
      return { id: user.id, username };
    })
    .catch((err) => {
      // Two registrations racing past the check: the unique index decides, the loser gets 409.
      throw isUniqueViolation(err) ? conflict() : err;
    });
}
