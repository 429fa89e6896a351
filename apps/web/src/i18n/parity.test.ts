import { describe, expect, it } from 'vitest';
import { flattenKeys, namespaces, resources } from './resources';

describe('i18n key parity', () => {
  for (const ns of namespaces) {
    it(`vi and en have the same keys in ${ns}`, () => {
      const vi = flattenKeys(resources.vi[ns]).sort();
      const en = flattenKeys(resources.en[ns]).sort();
      expect(
        vi.filter((k) => !en.includes(k)),
        'keys missing in en',
      ).toEqual([]);
      expect(
        en.filter((k) => !vi.includes(k)),
        'keys missing in vi',
      ).toEqual([]);
    });
  }

  it('has no empty strings and Vietnamese text is NFC', () => {
    for (const lang of ['vi', 'en'] as const) {
      for (const ns of namespaces) {
        const walk = (o: unknown, path: string): void => {
          if (typeof o === 'string') {
            expect(o.trim(), `${lang}:${ns}:${path}`).not.toBe('');
            expect(o, `${lang}:${ns}:${path} NFC`).toBe(o.normalize('NFC'));
          } else if (o && typeof o === 'object') for (const [k, v] of Object.entries(o)) walk(v, `${path}.${k}`);
        };
        walk(resources[lang][ns], '');
      }
    }
  });

  it('interpolation placeholders match between languages', () => {
    const vars = (s: unknown) =>
      typeof s === 'string' ? [...s.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort() : [];
    for (const ns of namespaces) {
      const get = (lang: 'vi' | 'en', key: string) =>
        key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], resources[lang][ns]);
      for (const key of flattenKeys(resources.vi[ns]))
        expect(vars(get('en', key)), `${ns}:${key}`).toEqual(vars(get('vi', key)));
    }
  });
});
