import type { JsonSchema } from './schema-model';

/** A trimmed copy of the seeded birth-registration form (1.001193) plus a list and a multi-choice, for tests. */
export const birthForm: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Tờ khai đăng ký khai sinh',
  type: 'object',
  required: ['declarant', 'child', 'resultDelivery'],
  'x-ui': { order: ['declarant', 'child', 'father', 'wantsCopies', 'copyCount', 'resultDelivery'] },
  properties: {
    child: {
      type: 'object',
      title: 'Người được khai sinh',
      required: ['fullName', 'gender', 'dateOfBirth'],
      'x-ui': { order: ['fullName', 'gender', 'dateOfBirth'] },
      properties: {
        gender: {
          type: 'string',
          title: 'Giới tính',
          oneOf: [
            { const: 'male', title: 'Nam' },
            { const: 'female', title: 'Nữ' },
          ],
        },
        fullName: { type: 'string', title: 'Họ, chữ đệm, tên', minLength: 2, maxLength: 100 },
        dateOfBirth: { type: 'string', title: 'Ngày, tháng, năm sinh', format: 'date' },
        notes: { type: 'string', title: 'Ghi chú', 'x-ui': { widget: 'textarea' } },
      },
    },
    father: {
      type: 'object',
      title: 'Thông tin người cha',
      properties: {
        fullName: { type: 'string', title: 'Họ, chữ đệm, tên', maxLength: 100 },
        residence: { type: 'string', title: 'Nơi cư trú', minLength: 5 },
        yearOfBirth: { type: 'integer', title: 'Năm sinh', minimum: 1900, maximum: 2100 },
      },
    },
    declarant: {
      type: 'object',
      title: 'Người yêu cầu',
      required: ['fullName', 'idNumber'],
      properties: {
        fullName: { type: 'string', title: 'Họ, chữ đệm, tên', 'x-ui': { prefill: 'account.fullName' } },
        idNumber: {
          type: 'string',
          title: 'Số định danh cá nhân',
          pattern: '^\\d{12}$',
          'x-ui': { prefill: 'account.idNumber', placeholder: '12 chữ số' },
        },
        email: { type: 'string', title: 'Thư điện tử', format: 'email', 'x-ui': { prefill: 'account.email' } },
        gender: {
          type: 'string',
          title: 'Giới tính',
          oneOf: [
            { const: 'male', title: 'Nam' },
            { const: 'female', title: 'Nữ' },
          ],
          'x-ui': { prefill: 'account.gender' },
        },
      },
    },
    wantsCopies: { type: 'boolean', title: 'Đề nghị cấp bản sao', default: false },
    copyCount: { type: 'integer', title: 'Số lượng bản sao', minimum: 1, maximum: 20 },
    resultDelivery: {
      type: 'string',
      title: 'Hình thức nhận kết quả',
      default: 'electronic',
      oneOf: [
        { const: 'counter', title: 'Nhận trực tiếp' },
        { const: 'electronic', title: 'Nhận bản điện tử' },
      ],
    },
    area: { type: 'number', title: 'Diện tích (m²)', exclusiveMinimum: 0 },
    classes: {
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
    },
    members: {
      type: 'array',
      title: 'Thành viên',
      minItems: 1,
      items: {
        type: 'object',
        required: ['name'],
        properties: {
          name: { type: 'string', title: 'Họ tên' },
          website: { type: 'string', title: 'Website', format: 'uri' },
        },
      },
    },
  },
};
