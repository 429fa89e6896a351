import { describe, expect, it } from 'vitest';
import { registrySources, schemaToModel } from './schema-model';
import { applyRegistryValues, initialValues } from './values';

const schema = {
  type: 'object',
  properties: {
    declarant: {
      type: 'object',
      properties: {
        fullName: { type: 'string', 'x-registry': 'population.fullName' },
        residence: { type: 'string', 'x-registry': 'population.permanentAddress' },
        phone: { type: 'string' },
      },
    },
    note: { type: 'string', 'x-registry': 'not a source' },
  },
};

describe('registry sources in a form (x-registry)', () => {
  it('lists the sources a form names, nested groups included, ignoring malformed ones', () => {
    expect(registrySources(schemaToModel(schema))).toEqual(['population.fullName', 'population.permanentAddress']);
  });

  it('puts registry values into the fields that name them and leaves the others', () => {
    const model = schemaToModel(schema);
    const v = applyRegistryValues(model, initialValues(model), {
      'population.fullName': { value: 'Nguyễn Văn An' },
    });
    expect(v).toMatchObject({ declarant: { fullName: 'Nguyễn Văn An', residence: '', phone: '' }, note: '' });
  });
});
