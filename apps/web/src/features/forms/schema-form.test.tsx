import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { schemaToModel } from './schema-model';
import { SchemaForm } from './schema-form';
import { splitSteps } from './steps';

const oneGroup = schemaToModel({
  type: 'object',
  properties: {
    applicant: {
      type: 'object',
      title: 'Thông tin người đề nghị',
      properties: { fullName: { type: 'string', title: 'Họ và tên' } },
    },
  },
});

/** The legends of the rendered form, and whether each is only for screen readers. */
function legends(html: string): { text: string; hidden: boolean }[] {
  return [...html.matchAll(/<legend class="([^"]*)">(.*?)<\/legend>/g)].map((m) => ({
    text: m[2]!.replace(/<[^>]+>/g, ''),
    hidden: m[1]!.split(' ').includes('visually-hidden'),
  }));
}

describe('a step of one group', () => {
  it('does not print the group’s title under the step heading that already says it', () => {
    const [group] = splitSteps(oneGroup);
    const html = renderToStaticMarkup(
      <SchemaForm model={{ fields: group!.fields }} values={{}} onChange={() => {}} stepTitle={group!.title} />,
    );
    // Still the fieldset's name for a screen reader, not a second visible title.
    expect(legends(html)).toEqual([{ text: 'Thông tin người đề nghị', hidden: true }]);
    expect(html).toContain('Họ và tên');
  });

  it('keeps the legend visible on one page (the counter) and for a nested group', () => {
    const nested = schemaToModel({
      type: 'object',
      properties: {
        applicant: {
          type: 'object',
          title: 'Người đề nghị',
          properties: {
            contact: {
              type: 'object',
              title: 'Người đề nghị',
              properties: { phone: { type: 'string', title: 'SĐT' } },
            },
          },
        },
      },
    });
    expect(legends(renderToStaticMarkup(<SchemaForm model={oneGroup} values={{}} onChange={() => {}} />))).toEqual([
      { text: 'Thông tin người đề nghị', hidden: false },
    ]);
    expect(
      legends(
        renderToStaticMarkup(<SchemaForm model={nested} values={{}} onChange={() => {}} stepTitle="Người đề nghị" />),
      ),
    ).toEqual([
      { text: 'Người đề nghị', hidden: true },
      { text: 'Người đề nghị', hidden: false },
    ]);
  });
});
