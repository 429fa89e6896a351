import { hash } from '@node-rs/argon2';
import type { ActorContext } from '../../../platform/http/auth.js';
import { type FieldError, ValidationError } from '../../../platform/http/errors.js';
import { newId } from '../../../platform/ids/index.js';
import { type Executor, isUniqueViolation } from '../../../platform/db/index.js';
import { queueMail } from '../../../platform/mail/index.js';
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
  INVALID_TAX_CODE_FORMAT:
    "A tax code has 10 digits, or 10 digits, a dash and 3 digits; an individual's is his 12-digit personal ID number.",
  INVALID_TAX_CODE_PERSONAL_ID: 'Twelve digits, but not a personal ID number (unknown province code).',
  INVALID_TAX_CODE_CHECK_DIGIT: 'The check digit of the tax code is wrong.',
  PASSWORD_TOO_SHORT: 'The password needs at least 8 characters.',
  PASSWORD_TOO_WEAK: 'Use three of: lower case, upper case, digits, symbols.',
};

const fe = (path: string, code: string): FieldError => ({ path, code, message: MESSAGES[code] ?? code });

/**
 * Citizens register with their personal ID number, businesses with their tax code. The answer is
 * the same whether or not the identity or the e-mail already has an account (see warnOwners); the
 * new account's identity is self-declared.
 */
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
    // A business account may be a household business or an individual in business: its tax code is
    // then the personal ID number of its head (Circular 86/2024/TT-BTC).
    const problem = input.taxCode ? checkTaxCode(input.taxCode, { individual: true }) : null;
    if (problem) errors.push(fe('taxCode', problem));
    username = input.taxCode ? normaliseTaxCode(input.taxCode) : '';
  }
  const pw = checkPasswordStrength(input.password);
  if (pw) errors.push(fe('password', pw));
  if (errors.length) throw new ValidationError(errors);

  const passwordHash = await hash(input.password);
  const email = input.email.trim().toLowerCase();
  const id = await ctx.db
    .transaction(async (tx) => {
      const taken = await repo.conflicts(tx, {
        username,
        idNumber: type === 'citizen' ? username : null,
        taxCode: type === 'business' ? username : null,
        email,
      });
      if (taken.length) {
        await warnOwners(ctx, tx, actor, taken, username);
        return null;
      }
      const user = await repo.insertUser(
        tx,
        {
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
        },
        ctx.clock.now(),
      );
      await queueMail(tx, {
        to: email,
        subject: 'Tài khoản Cổng dịch vụ công / Your account',
        text:
          `Xin chào ${user.fullName},\n\nTài khoản ${username} đã được tạo. Danh tính của tài khoản là tự khai: để xem hồ sơ ` +
          `nộp tại quầy, hãy xác minh danh tính (VNeID, tại quầy hoặc chứng thư số) hoặc dùng mã nhận hồ sơ in trên giấy tiếp nhận.\n\n` +
          `---\nYour account ${username} was created. Its identity is self-declared until you verify it.`,
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
      return user.id;
    })
    .catch((err): null => {
      // Two registrations racing past the check: the unique index decides; the loser is answered as
      // any registration of a taken identity is.
      if (isUniqueViolation(err)) return null;
      throw err;
    });
  // `id` is for in-process callers (seed, benchmarks); the route answers only with the username.
  return { id, username };
}

/**
 * A registration for an ID number, tax code or e-mail that an account already has is answered like
 * any other (a 409 would tell anyone which ID numbers and addresses have accounts); the owner gets a
 * mail instead, and the attempt is audited.
 */
async function warnOwners(
  ctx: IdentityContext,
  tx: Executor,
  actor: ActorContext,
  taken: { id: string; username: string; email: string | null }[],
  username: string,
) {
  for (const t of taken) {
    if (t.email)
      await queueMail(tx, {
        to: t.email,
        subject: 'Có người đăng ký lại tài khoản của bạn / A registration used your details',
        text:
          `Xin chào,\n\nVừa có một yêu cầu đăng ký tài khoản mới với số định danh, mã số thuế hoặc địa chỉ thư điện tử của tài khoản ` +
          `${t.username}. Không có tài khoản mới nào được tạo. Nếu đó là bạn, hãy đăng nhập hoặc dùng chức năng Quên mật khẩu. ` +
          `Nếu không phải bạn, bạn không cần làm gì; hãy liên hệ bộ phận một cửa nếu bạn nghi ngờ có người dùng số định danh của mình.\n\n` +
          `---\nSomeone tried to register a new account with the ID number, tax code or e-mail of your account ${t.username}. ` +
          `No account was created. If it was you, log in or reset your password.`,
      });
    await recordAudit(
      tx,
      actor,
      { action: 'user.registration_refused', subjectType: 'user', subjectId: t.id, after: { attempted: username } },
      ctx.clock.now(),
    );
  }
}
