import type { FieldNode, FormModel } from './schema-model';

/** One step of a long form: a group of its top-level fields. */
export interface FormStepGroup {
  /** The group's own title (an object field's), or none for loose fields. */
  title?: string;
  fields: FieldNode[];
}

/**
 * A form split into steps, one page each (GOV.UK "one thing per page", the national portal's
 * "Bước 2/4"): every top-level group (a person, a place, a building) is a step of its own, and the
 * loose fields between groups (a relation, a choice, an address block) go together in a step.
 */
export function splitSteps(model: FormModel): FormStepGroup[] {
  const out: FormStepGroup[] = [];
  let loose: FieldNode[] = [];
  const flush = () => {
    if (loose.length) out.push({ title: loose.length === 1 ? loose[0]!.title : undefined, fields: loose });
    loose = [];
  };
  for (const f of model.fields) {
    if (f.kind === 'object' && f.widget !== 'address') {
      flush();
      out.push({ title: f.title, fields: [f] });
    } else loose.push(f);
  }
  flush();
  return out;
}

/** The step (index in `groups`) whose fields include the problem's path (`formData.child.fullName`). */
export function groupOfPath(groups: readonly FormStepGroup[], path: string): number {
  const key = path.replace(/^formData\./, '').split('.')[0];
  return groups.findIndex((g) => g.fields.some((f) => f.key === key));
}

/**
 * The step (1-based, after the agency's) where the offer to prefill from the base registries stands: the first
 * group holding a field with a registry source, so the citizen consents where those fields are; 1 when none.
 */
export function registryStep(groups: readonly FormStepGroup[]): number {
  const sourced = (fields: readonly FieldNode[]): boolean =>
    fields.some((f) => !!f.registry || sourced(f.children ?? []));
  const i = groups.findIndex((g) => sourced(g.fields));
  return i < 0 ? 1 : i + 1;
}
