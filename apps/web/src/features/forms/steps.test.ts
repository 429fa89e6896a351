import { describe, expect, it } from 'vitest';
import { birthForm } from './fixtures';
import { schemaToModel } from './schema-model';
import { groupOfPath, registryStep, splitSteps } from './steps';
import { coerceValues, groupThousands, initialValues } from './values';
import { formatVnd } from '../procedures/money';

describe('a long form split into steps', () => {
  it('gives each group its own step and gathers the loose fields between groups', () => {
    const groups = splitSteps(schemaToModel(birthForm));
    expect(groups.map((g) => g.fields.map((f) => f.key))).toEqual([
      ['declarant'],
      ['child'],
      ['father'],
      ['wantsCopies', 'copyCount', 'resultDelivery', 'area', 'classes', 'members'],
    ]);
    expect(groups[1]!.title).toBe(schemaToModel(birthForm).fields.find((f) => f.key === 'child')!.title);
    expect(groups[3]!.title).toBeUndefined();
  });

  it('keeps an address block with the loose fields (it is one answer, not a step) and finds a problem’s step', () => {
    const model = schemaToModel({
      type: 'object',
      properties: {
        fullName: { type: 'string', title: 'Họ tên' },
        residence: {
          type: 'object',
          title: 'Nơi thường trú',
          properties: { province: { type: 'string' }, commune: { type: 'string' }, street: { type: 'string' } },
          'x-ui': { widget: 'address' },
        },
        mother: { type: 'object', title: 'Mẹ', properties: { fullName: { type: 'string' } } },
        purpose: { type: 'string', title: 'Mục đích' },
      },
    });
    const groups = splitSteps(model);
    expect(groups.map((g) => [g.title, g.fields.map((f) => f.key)])).toEqual([
      [undefined, ['fullName', 'residence']],
      ['Mẹ', ['mother']],
      ['Mục đích', ['purpose']],
    ]);
    expect(groupOfPath(groups, 'formData.residence.commune')).toBe(0);
    expect(groupOfPath(groups, 'mother.fullName')).toBe(1);
    expect(groupOfPath(groups, 'formData.purpose')).toBe(2);
    expect(groupOfPath(groups, 'formData.unknown')).toBe(-1);
  });
});

describe('the offer to prefill from the registries', () => {
  it('stands on the step of the first group with a registry source, not always on the first', () => {
    const model = schemaToModel({
      type: 'object',
      properties: {
        child: { type: 'object', title: 'Trẻ', properties: { fullName: { type: 'string' } } },
        declarant: {
          type: 'object',
          title: 'Người khai',
          properties: { fullName: { type: 'string', 'x-registry': 'population.fullName' } },
        },
      },
      'x-ui': { order: ['child', 'declarant'] },
    });
    expect(registryStep(splitSteps(model))).toBe(2);
    expect(registryStep(splitSteps(schemaToModel(birthForm)))).toBe(1);
  });
});

describe('money typed the Vietnamese way', () => {
  const model = schemaToModel({
    type: 'object',
    properties: { capital: { type: 'integer', title: 'Vốn (đồng)', 'x-ui': { money: true } } },
  });

  it('groups thousands with dots as typed, reads them back as an integer, and shows a saved amount grouped', () => {
    expect(groupThousands('500000000')).toBe('500.000.000');
    expect(groupThousands('5.000.0000')).toBe('50.000.000');
    expect(groupThousands('007')).toBe('7');
    expect(coerceValues(model, { capital: '500.000.000' })).toEqual({ data: { capital: 500_000_000 }, problems: [] });
    expect(initialValues(model, { data: { capital: 1_500_000 } }).capital).toBe('1.500.000');
    expect(formatVnd(500_000_000)).toBe('500.000.000\u00a0₫');
  });
});

describe('a draft resumed', () => {
  it('shows the rows a list must have even when the draft saved it empty', () => {
    const model = schemaToModel({
      type: 'object',
      properties: {
        history: { type: 'array', minItems: 1, items: { type: 'object', properties: { from: { type: 'string' } } } },
      },
    });
    expect(initialValues(model, { data: { history: [] } }).history).toEqual([{ from: '' }]);
  });
});
