import { describe, expect, it } from 'vitest';
import { describeProblem } from '../api/problem';
import { checkModel, keyFromTitle, modelToSchema, move, newField } from './designer-model';
import { birthForm } from './fixtures';
import { normalizeProblem, normalizeProblemPath, problemFieldId, problemFieldIds } from './problem-paths';
import { fieldId, flattenFields, type FormModel, schemaToModel } from './schema-model';
import {
  checkForm,
  coerceValues,
  getAt,
  initialValues,
  parseNumber,
  prefillFromAccount,
  setAt,
  toRaw,
  validateValues,
} from './values';

const model = schemaToModel(birthForm);
const byKey = (m: FormModel, key: string) => m.fields.find((f) => f.key === key)!;

describe('schema → field model', () => {
  it('orders fields by x-ui.order, then schema order', () => {
    expect(model.title).toBe('Tờ khai đăng ký khai sinh');
    expect(model.fields.map((f) => f.key)).toEqual([
      'declarant',
      'child',
      'father',
      'wantsCopies',
      'copyCount',
      'resultDelivery',
      'area',
      'classes',
      'members',
    ]);
    expect(byKey(model, 'child').children!.map((f) => f.key)).toEqual(['fullName', 'gender', 'dateOfBirth', 'notes']);
  });

  it('derives kinds, labels, required marks and constraints', () => {
    const child = byKey(model, 'child');
    expect(child).toMatchObject({ kind: 'object', title: 'Người được khai sinh', required: true });
    const kinds = Object.fromEntries(child.children!.map((f) => [f.key, f.kind]));
    expect(kinds).toEqual({ fullName: 'string', gender: 'enum', dateOfBirth: 'date', notes: 'textarea' });
    expect(child.children![0]).toMatchObject({
      title: 'Họ, chữ đệm, tên',
      required: true,
      minLength: 2,
      maxLength: 100,
    });
    expect(child.children![3]!.required).toBe(false);
    expect(byKey(model, 'father').required).toBe(false);
    expect(byKey(model, 'wantsCopies')).toMatchObject({ kind: 'boolean', default: false });
    expect(byKey(model, 'copyCount')).toMatchObject({ kind: 'integer', minimum: 1, maximum: 20 });
    expect(byKey(model, 'area')).toMatchObject({ kind: 'number', exclusiveMinimum: 0 });
    expect(byKey(model, 'resultDelivery').options).toEqual([
      { value: 'counter', label: 'Nhận trực tiếp' },
      { value: 'electronic', label: 'Nhận bản điện tử' },
    ]);
    expect(byKey(model, 'classes')).toMatchObject({
      kind: 'checkboxes',
      uniqueItems: true,
      options: [
        { value: 'A1', label: 'A1' },
        { value: 'B', label: 'B' },
      ],
    });
    expect(byKey(model, 'members')).toMatchObject({ kind: 'array', minItems: 1 });
    expect(byKey(model, 'members').itemFields!.map((f) => [f.key, f.kind, f.required])).toEqual([
      ['name', 'string', true],
      ['website', 'uri', false],
    ]);
    const declarant = byKey(model, 'declarant').children!;
    expect(declarant.map((f) => f.prefill)).toEqual([
      'account.fullName',
      'account.idNumber',
      'account.email',
      'account.gender',
    ]);
    expect(declarant[1]).toMatchObject({ pattern: '^\\d{12}$', placeholder: '12 chữ số', kind: 'string' });
    expect(declarant[2]!.kind).toBe('email');
  });

  it('gives ids and labels with the group names', () => {
    expect(fieldId(['child', 'fullName'])).toBe('fd-child-fullName');
    expect(fieldId(['members', 0, 'name'])).toBe('fd-members-0-name');
    const flat = flattenFields(model.fields);
    expect(flat.find((x) => x.path.join('.') === 'father.fullName')!.label).toBe(
      'Thông tin người cha › Họ, chữ đệm, tên',
    );
  });

  it('treats unknown schema bits as plain text and ignores unknown prefill sources', () => {
    const m = schemaToModel({
      type: 'object',
      properties: { a: { title: 'A' }, b: { type: 'string', 'x-ui': { prefill: 'account.password' } } },
    });
    expect(m.fields.map((f) => [f.kind, f.prefill])).toEqual([
      ['string', undefined],
      ['string', undefined],
    ]);
    expect(m.fields[0]!.required).toBe(false);
  });
});

describe('values: prefill, coercion, validation', () => {
  const me = {
    username: '001099012345',
    fullName: 'Nguyễn Văn An',
    kind: 'citizen',
    email: 'an@example.vn',
    phone: '0912345678',
  };

  it('prefills from the account: ID number from the login, gender from its 4th digit', () => {
    expect(prefillFromAccount(me)).toEqual({
      'account.fullName': 'Nguyễn Văn An',
      'account.email': 'an@example.vn',
      'account.phone': '0912345678',
      'account.idNumber': '001099012345',
      'account.gender': 'male',
    });
    expect(prefillFromAccount({ ...me, username: '001199012345' })['account.gender']).toBe('female');
    expect(prefillFromAccount({ ...me, kind: 'business', username: '0100109106' })).toMatchObject({
      'account.taxCode': '0100109106',
    });
    expect(prefillFromAccount({ ...me, kind: 'business', username: '0100109106' })['account.idNumber']).toBeUndefined();
    expect(prefillFromAccount(null)).toEqual({});
  });

  it('prefills the date of birth and the address blocks from the account’s personal details', () => {
    const home = {
      province: '01',
      provinceName: 'Thành phố Hà Nội',
      commune: '00004',
      communeName: 'Phường Ba Đình',
      street: 'Số 1 Hoàng Diệu',
    };
    const block = (prefill: string) => ({
      type: 'object',
      title: 'Địa chỉ',
      properties: {
        province: { type: 'string' },
        provinceName: { type: 'string' },
        commune: { type: 'string' },
        communeName: { type: 'string' },
        street: { type: 'string' },
      },
      'x-ui': { widget: 'address', prefill },
    });
    const form = schemaToModel({
      type: 'object',
      properties: {
        dateOfBirth: { type: 'string', format: 'date', 'x-ui': { prefill: 'account.dateOfBirth' } },
        permanent: block('account.permanentAddress'),
        current: block('account.currentAddress'),
        mother: { type: 'object', properties: { residence: block('') } },
      },
    });
    const filled = prefillFromAccount({ ...me, dateOfBirth: '1999-02-03', permanentAddress: home });
    // Where he lives now is his permanent residence unless he gave another.
    expect(filled['account.currentAddress']).toEqual(home);
    const v = initialValues(form, { prefill: filled });
    expect(v.dateOfBirth).toBe('1999-02-03');
    expect(v.permanent).toEqual(home);
    expect(v.current).toEqual(home);
    // Someone else's address is not the account's.
    expect((v.mother as Record<string, Record<string, string>>).residence!.province).toBe('');
    const elsewhere = { ...home, commune: '00008', communeName: 'Phường Ngọc Hà', street: 'Ngõ 5' };
    const moved = initialValues(form, {
      prefill: prefillFromAccount({ ...me, permanentAddress: home, currentAddress: elsewhere }),
    });
    expect([moved.permanent, moved.current]).toEqual([home, elsewhere]);
    // A saved draft keeps what the citizen changed on the form.
    expect(initialValues(form, { data: { current: { ...home, street: 'Khác' } }, prefill: filled }).current).toEqual({
      ...home,
      street: 'Khác',
    });
  });

  it('starts with prefill and defaults; a list with minItems gets its first row', () => {
    const v = initialValues(model, { prefill: prefillFromAccount(me) });
    expect(v.declarant).toEqual({
      fullName: 'Nguyễn Văn An',
      idNumber: '001099012345',
      email: 'an@example.vn',
      gender: 'male',
    });
    expect(v.wantsCopies).toBe(false);
    expect(v.resultDelivery).toBe('electronic');
    expect(v.copyCount).toBe('');
    expect(v.classes).toEqual([]);
    expect(v.members).toEqual([{ name: '', website: '' }]);
  });

  it('resumes saved data (numbers shown as text)', () => {
    const v = initialValues(model, { data: { copyCount: 2, child: { fullName: 'Bé' }, members: [{ name: 'X' }] } });
    expect(v.copyCount).toBe('2');
    expect((v.child as Record<string, unknown>).fullName).toBe('Bé');
    expect(v.members).toEqual([{ name: 'X', website: '' }]);
    expect(v.resultDelivery).toBe('electronic');
    expect(toRaw(byKey(model, 'classes'), ['A1'])).toEqual(['A1']);
  });

  it('reads and writes nested values immutably', () => {
    const v = initialValues(model);
    const w = setAt(v, ['members', 0, 'name'], 'Lan');
    expect(getAt(w, ['members', 0, 'name'])).toBe('Lan');
    expect(getAt(v, ['members', 0, 'name'])).toBe('');
    expect(getAt(w, ['nope', 'x'])).toBeUndefined();
  });

  it('parses Vietnamese and English decimals; integers refuse fractions', () => {
    expect(parseNumber('12,5', false)).toBe(12.5);
    expect(parseNumber(' 1 200 ', true)).toBe(1200);
    expect(parseNumber('12.5', true)).toBeNull();
    expect(parseNumber('abc', false)).toBeNull();
  });

  it('coerces: trims, drops empty answers and empty optional groups, parses numbers', () => {
    let v = initialValues(model, { prefill: prefillFromAccount(me) });
    v = setAt(v, ['child', 'fullName'], '  Nguyễn Thị Bé  ');
    v = setAt(v, ['copyCount'], '3');
    v = setAt(v, ['area'], '45,5');
    v = setAt(v, ['members', 0, 'name'], 'An');
    const { data, problems } = coerceValues(model, v);
    expect(problems).toEqual([]);
    expect(data).toEqual({
      declarant: { fullName: 'Nguyễn Văn An', idNumber: '001099012345', email: 'an@example.vn', gender: 'male' },
      child: { fullName: 'Nguyễn Thị Bé' },
      wantsCopies: false,
      copyCount: 3,
      resultDelivery: 'electronic',
      area: 45.5,
      members: [{ name: 'An' }],
    });
  });

  it('normalizes text to NFC and keeps blank rows in the middle of a list', () => {
    let v = initialValues(model);
    v = setAt(v, ['child', 'fullName'], 'Nguye\u0302\u0303n');
    v = setAt(
      v,
      ['members'],
      [
        { name: '', website: '' },
        { name: 'B', website: '' },
        { name: '', website: '' },
      ],
    );
    const { data } = coerceValues(model, v);
    expect((data.child as Record<string, string>).fullName).toBe('Nguyễn');
    expect(data.members).toEqual([{}, { name: 'B' }]);
  });

  it('reports what the schema forbids with the server codes and paths', () => {
    let v = initialValues(model);
    v = setAt(v, ['declarant', 'idNumber'], '12345');
    v = setAt(v, ['declarant', 'email'], 'not-an-email');
    v = setAt(v, ['child', 'fullName'], 'A');
    v = setAt(v, ['child', 'dateOfBirth'], '2026-02-30');
    v = setAt(v, ['father', 'residence'], 'HN');
    v = setAt(v, ['father', 'yearOfBirth'], '1850');
    v = setAt(v, ['copyCount'], '2,5');
    v = setAt(v, ['area'], '0');
    v = setAt(v, ['classes'], ['A1', 'A1']);
    v = setAt(v, ['members'], [{ name: '', website: 'ftp' }]);
    const { problems } = checkForm(model, v);
    expect(problems).toEqual([
      { path: 'formData.copyCount', code: 'SCHEMA_INTEGER' },
      { path: 'formData.declarant.fullName', code: 'REQUIRED' },
      { path: 'formData.declarant.idNumber', code: 'INVALID_ID_NUMBER_FORMAT' },
      { path: 'formData.declarant.email', code: 'INVALID_EMAIL' },
      { path: 'formData.child.fullName', code: 'SCHEMA_MINLENGTH' },
      { path: 'formData.child.gender', code: 'REQUIRED' },
      { path: 'formData.child.dateOfBirth', code: 'INVALID_DATE_VALUE' },
      { path: 'formData.father.residence', code: 'SCHEMA_MINLENGTH' },
      { path: 'formData.father.yearOfBirth', code: 'SCHEMA_MINIMUM' },
      { path: 'formData.area', code: 'SCHEMA_EXCLUSIVEMINIMUM' },
      { path: 'formData.classes', code: 'SCHEMA_UNIQUEITEMS' },
      { path: 'formData.members.0.name', code: 'REQUIRED' },
      { path: 'formData.members.0.website', code: 'SCHEMA_FORMAT' },
    ]);
  });

  it('says what a format wants: a phone, a birth date not in the future, capitals; an address block', () => {
    const m = schemaToModel({
      type: 'object',
      properties: {
        phone: { type: 'string', pattern: '^(0|\\+84)\\d{9,10}$' },
        dateOfBirth: { type: 'string', format: 'date' },
        name: { type: 'string', 'x-ui': { uppercase: true, prefill: 'account.fullName' } },
        commitment: { type: 'boolean', const: true, title: 'Tôi cam kết' },
        home: {
          type: 'object',
          properties: { province: { type: 'string' }, commune: { type: 'string' }, street: { type: 'string' } },
          'x-ui': { widget: 'address' },
        },
      },
    });
    expect(byKey(m, 'home').widget).toBe('address');
    expect(byKey(m, 'name').uppercase).toBe(true);
    expect(initialValues(m, { prefill: { 'account.fullName': 'Nguyễn Văn An' } }).name).toBe('NGUYỄN VĂN AN');
    expect(byKey(m, 'commitment').mustBeTrue).toBe(true);
    expect(
      validateValues(m, { phone: '12345', dateOfBirth: '2999-01-01', name: 'Nguyễn Văn An', commitment: false }),
    ).toEqual([
      { path: 'formData.phone', code: 'INVALID_PHONE' },
      { path: 'formData.dateOfBirth', code: 'DATE_IN_FUTURE' },
      { path: 'formData.name', code: 'NOT_UPPERCASE' },
      { path: 'formData.commitment', code: 'MUST_ACCEPT' },
    ]);
    expect(
      validateValues(m, { phone: '0912345678', dateOfBirth: '1990-02-28', name: 'NGUYỄN VĂN AN', commitment: true }),
    ).toEqual([]);
  });

  it('a complete form has no problems; a missing required group is named', () => {
    expect(
      validateValues(model, {
        declarant: { fullName: 'An', idNumber: '001099012345' },
        child: { fullName: 'Bé', gender: 'female', dateOfBirth: '2026-01-31' },
        resultDelivery: 'counter',
      }),
    ).toEqual([]);
    expect(validateValues(model, { resultDelivery: 'post' })).toEqual([
      { path: 'formData.declarant', code: 'REQUIRED' },
      { path: 'formData.child', code: 'REQUIRED' },
      { path: 'formData.resultDelivery', code: 'SCHEMA_ONEOF' },
    ]);
  });
});

describe('problem paths → inputs', () => {
  it('maps form, attachment and other paths to input ids', () => {
    expect(problemFieldId('formData.child.fullName')).toBe('fd-child-fullName');
    expect(problemFieldId('formData.members.0.name')).toBe('fd-members-0-name');
    expect(problemFieldId('formData')).toBe('fd-form');
    expect(problemFieldId('attachments.to_khai')).toBe('doc-to_khai');
    expect(problemFieldId('agencyCode')).toBe('agencyCode');
    expect(problemFieldId('applicant.idNumber')).toBe('applicant-idNumber');
    expect(problemFieldIds(['agencyCode', 'formData.a'])).toEqual({ agencyCode: 'agencyCode', 'formData.a': 'fd-a' });
  });

  it('turns indexed attachment errors into the document they belong to', () => {
    expect(normalizeProblemPath('attachments.1.fileId', ['to_khai', 'giay_chung_sinh'])).toBe(
      'attachments.giay_chung_sinh',
    );
    expect(normalizeProblemPath('attachments.7.documentId', ['to_khai'])).toBe('attachments');
    expect(normalizeProblemPath('attachments.to_khai')).toBe('attachments.to_khai');
    expect(normalizeProblemPath('formData.x')).toBe('formData.x');
  });

  it('a server 422 lands on the right inputs with translated messages', () => {
    const problem = normalizeProblem(
      {
        status: 422,
        code: 'VALIDATION_FAILED',
        errors: [
          { path: 'formData.child.fullName', code: 'REQUIRED', message: 'must have required property' },
          { path: 'attachments.to_khai', code: 'REQUIRED_DOCUMENT_MISSING', message: 'Missing: Tờ khai' },
          { path: 'attachments.0.fileId', code: 'FILE_NOT_FOUND', message: 'Upload the file first.' },
        ],
      },
      ['giay_chung_sinh'],
    );
    const msgs: Record<string, string> = {
      'errors:fields.REQUIRED': 'Vui lòng nhập thông tin này.',
      'errors:fields.REQUIRED_DOCUMENT_MISSING': 'Cần tải lên giấy tờ này.',
    };
    const d = describeProblem(problem, (k) => msgs[k]);
    expect(d.fields).toEqual({
      'formData.child.fullName': 'Vui lòng nhập thông tin này.',
      'attachments.to_khai': 'Cần tải lên giấy tờ này.',
      'attachments.giay_chung_sinh': 'Upload the file first.',
    });
    expect(Object.keys(d.fields).map(problemFieldId)).toEqual([
      'fd-child-fullName',
      'doc-to_khai',
      'doc-giay_chung_sinh',
    ]);
  });
});

describe('form designer model ↔ JSON Schema', () => {
  it('round-trips the field model through JSON Schema', () => {
    const schema = modelToSchema(model);
    expect(schemaToModel(schema)).toEqual(model);
    expect(schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      title: 'Tờ khai đăng ký khai sinh',
      required: ['declarant', 'child', 'resultDelivery'],
    });
  });

  it('keeps an address picker, a name in capitals, a box that must be ticked and a registry source', () => {
    const seeded = {
      type: 'object',
      properties: {
        fullName: { type: 'string', title: 'Họ tên', 'x-ui': { uppercase: true }, 'x-registry': 'population.fullName' },
        residence: {
          type: 'object',
          title: 'Nơi thường trú',
          required: ['province', 'commune', 'street'],
          properties: {
            province: { type: 'string', title: 'Tỉnh, thành phố', pattern: '^\\d{2}$' },
            provinceName: { type: 'string', maxLength: 100 },
            commune: { type: 'string', title: 'Xã, phường, đặc khu', pattern: '^\\d{5}$' },
            communeName: { type: 'string', maxLength: 100 },
            street: { type: 'string', title: 'Số nhà, đường', minLength: 2, maxLength: 300 },
          },
          'x-ui': { widget: 'address' },
        },
        commitment: { type: 'boolean', const: true, title: 'Tôi cam đoan' },
      },
    };
    const once = schemaToModel(seeded);
    const again = schemaToModel(modelToSchema(once));
    expect(again).toEqual(once);
    const byKey = Object.fromEntries(again.fields.map((f) => [f.key, f]));
    expect(byKey.residence).toMatchObject({ widget: 'address' });
    expect(byKey.fullName).toMatchObject({ uppercase: true, registry: 'population.fullName' });
    expect(byKey.commitment).toMatchObject({ mustBeTrue: true });
  });

  it('writes the x-ui hints and enum options the renderer reads', () => {
    const schema = modelToSchema(model) as { properties: Record<string, Record<string, unknown>> };
    const child = schema.properties.child as {
      properties: Record<string, Record<string, unknown>>;
      'x-ui': unknown;
      required: string[];
    };
    expect(child['x-ui']).toEqual({ order: ['fullName', 'gender', 'dateOfBirth', 'notes'] });
    expect(child.required).toEqual(['fullName', 'gender', 'dateOfBirth']);
    expect(child.properties.notes).toEqual({ type: 'string', title: 'Ghi chú', 'x-ui': { widget: 'textarea' } });
    expect(child.properties.gender).toEqual({
      type: 'string',
      title: 'Giới tính',
      oneOf: [
        { const: 'male', title: 'Nam' },
        { const: 'female', title: 'Nữ' },
      ],
    });
    expect(schema.properties.classes).toEqual({
      type: 'array',
      title: 'Hạng',
      uniqueItems: true,
      'x-ui': { widget: 'checkboxes' },
      items: {
        type: 'string',
        oneOf: [
          { const: 'A1', title: 'A1' },
          { const: 'B', title: 'B' },
        ],
      },
    });
    const declarant = schema.properties.declarant as { properties: Record<string, Record<string, unknown>> };
    expect(declarant.properties.idNumber).toEqual({
      type: 'string',
      title: 'Số định danh cá nhân',
      pattern: '^\\d{12}$',
      'x-ui': { prefill: 'account.idNumber', placeholder: '12 chữ số' },
    });
  });

  it('edits: add, reorder, make required, and the schema follows', () => {
    const fields = [
      ...model.fields,
      newField(
        'date',
        'Ngày hẹn',
        model.fields.map((f) => f.key),
      ),
    ];
    fields[fields.length - 1]!.required = true;
    const moved = move(fields, fields.length - 1, -100);
    const schema = modelToSchema({ ...model, fields: moved }) as {
      required: string[];
      'x-ui': { order: string[] };
      properties: Record<string, unknown>;
    };
    expect(schema['x-ui'].order[0]).toBe('ngayHen');
    expect(schema.required).toEqual(['ngayHen', 'declarant', 'child', 'resultDelivery']);
    expect(schema.properties.ngayHen).toEqual({ type: 'string', format: 'date', title: 'Ngày hẹn' });
    expect(schemaToModel(schema).fields[0]).toEqual({
      key: 'ngayHen',
      kind: 'date',
      title: 'Ngày hẹn',
      required: true,
    });
  });

  it('makes keys from Vietnamese titles, unique', () => {
    expect(keyFromTitle('Họ và tên đệm', [])).toBe('hoVaTenDem');
    expect(keyFromTitle('Địa chỉ', ['diaChi'])).toBe('diaChi2');
    expect(keyFromTitle('123 số', [])).toBe('field123So');
    expect(newField('enum', 'Loại', []).options).toHaveLength(1);
  });

  it('finds designer mistakes before the server does', () => {
    const bad = [
      { key: 'a', kind: 'string' as const, title: 'A', required: false, pattern: '([' },
      { key: 'a', kind: 'enum' as const, title: '', required: false, options: [] },
      {
        key: '1x',
        kind: 'object' as const,
        title: 'G',
        required: false,
        children: [{ key: 'b c', kind: 'string' as const, title: 'B', required: false }],
      },
    ];
    expect(checkModel(bad)).toEqual([
      { path: '0.pattern', code: 'INVALID_PATTERN' },
      { path: '1.key', code: 'DUPLICATE_KEY' },
      { path: '1.title', code: 'REQUIRED' },
      { path: '1.options', code: 'OPTIONS_REQUIRED' },
      { path: '2.key', code: 'INVALID_KEY' },
      { path: '2.children.0.key', code: 'INVALID_KEY' },
    ]);
  });
});

describe('designer options text', () => {
  it('parses `value | label` lines and writes them back', async () => {
    const { parseOptions, formatOptions } = await import('./designer-model');
    const opts = parseOptions('male | Nam\n\n female|Nữ \nA1');
    expect(opts).toEqual([
      { value: 'male', label: 'Nam' },
      { value: 'female', label: 'Nữ' },
      { value: 'A1', label: 'A1' },
    ]);
    expect(formatOptions(opts)).toBe('male | Nam\nfemale | Nữ\nA1');
    expect(parseOptions(formatOptions(opts))).toEqual(opts);
  });
});
