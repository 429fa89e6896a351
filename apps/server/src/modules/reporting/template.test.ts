import { describe, expect, it } from 'vitest';
import { aggregate, checkTemplate, computeFormulas, type RegimeTemplate, validateValues } from './template.js';

const t: RegimeTemplate = {
  indicators: [
    { code: 'C01', name: 'Hồ sơ tiếp nhận', unit: 'hồ sơ', type: 'integer', aggregation: 'sum', required: true },
    { code: 'C02', name: 'Hồ sơ trực tuyến', unit: 'hồ sơ', type: 'integer', aggregation: 'sum' },
    {
      code: 'C03',
      name: 'Tỷ lệ trực tuyến',
      unit: '%',
      type: 'percent',
      aggregation: 'sum',
      formula: 'C02 / C01 * 100',
    },
    { code: 'C04', name: 'Mức hài lòng', unit: '%', type: 'percent', aggregation: 'avg', weightBy: 'C01' },
  ],
  sections: [{ code: 'S1', title: 'Kết quả' }],
  rules: [{ left: 'C02', op: '<=', right: 'C01', message: 'Trực tuyến không vượt tổng số' }],
};

describe('report templates', () => {
  it('accepts a sound template and names what is wrong in a bad one', () => {
    expect(checkTemplate(t)).toEqual([]);
    const bad = checkTemplate({
      ...t,
      indicators: [
        ...t.indicators,
        { code: 'C05', name: 'x', unit: '', type: 'number', aggregation: 'sum', formula: 'C06 +' },
      ],
    });
    expect(bad.map((e) => [e.path, e.code])).toEqual([['template.indicators.4.formula', 'FORMULA_SYNTAX']]);
    const cyc = checkTemplate({
      indicators: [
        { code: 'A', name: 'a', unit: '', type: 'number', aggregation: 'sum', formula: 'B + 1' },
        { code: 'B', name: 'b', unit: '', type: 'number', aggregation: 'sum', formula: 'A * 2' },
      ],
      sections: [],
      rules: [],
    });
    expect(cyc[0]!.code).toBe('FORMULA_CYCLE');
  });
  it('validates typed values, refuses computed ones and applies the rules', () => {
    expect(validateValues(t, { C01: 10, C02: 4 }, true).errors).toEqual([]);
    expect(validateValues(t, { C01: 1.5 }, false).errors[0]).toMatchObject({
      path: 'values.C01',
      code: 'NOT_A_WHOLE_NUMBER',
    });
    expect(validateValues(t, { C03: 50 }, false).errors[0]).toMatchObject({ code: 'COMPUTED_INDICATOR' });
    expect(validateValues(t, { C02: 3 }, true).errors[0]).toMatchObject({ path: 'values.C01', code: 'REQUIRED' });
    expect(validateValues(t, { C01: 3, C02: 4 }, true).errors[0]).toMatchObject({
      path: 'values.C02',
      code: 'RULE_VIOLATED',
    });
    expect(computeFormulas(t, { C01: 8, C02: 2 }).C03).toBe(25);
  });
  it('aggregates by rule and computes formulas on the sums (a ratio of sums)', () => {
    const r = aggregate(t, [
      { agencyCode: 'X1', decidedAt: new Date(1), values: { C01: 10, C02: 9, C04: 80 } },
      { agencyCode: 'X2', decidedAt: new Date(2), values: { C01: 30, C02: 1, C04: 40 } },
    ]);
    expect(r).toEqual({ C01: 40, C02: 10, C03: 25, C04: 50 });
  });
});
