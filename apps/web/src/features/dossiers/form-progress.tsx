import { useTranslation } from 'react-i18next';

export interface ProgressStep {
  /** The id of the section the step links to. */
  target: string;
  label: string;
  /** How many things are still missing or wrong in it (0: done). */
  left: number;
}

/**
 * Where the applicant stands in a long form: its numbered parts, each done or with what is left,
 * as links to the part (GOV.UK "task list"); the draft can be saved at any point.
 */
export function FormProgress({ steps }: { steps: ProgressStep[] }) {
  const { t } = useTranslation('services');
  const done = steps.filter((s) => s.left === 0).length;
  return (
    <nav className="form-progress" aria-labelledby="form-progress-title" data-testid="form-progress">
      <h2 id="form-progress-title" className="form-progress__title">
        {t('progress.title', { done, total: steps.length })}
      </h2>
      <progress max={steps.length} value={done} aria-hidden="true" />
      <ol>
        {steps.map((s) => (
          <li key={s.target}>
            <a href={`#${s.target}`}>{s.label.replace(/^\d+\.\s*/, '')}</a>{' '}
            <span className={`tag ${s.left === 0 ? 'tag--green' : 'tag--grey'}`}>
              {s.left === 0 ? t('progress.done') : t('progress.left', { count: s.left })}
            </span>
          </li>
        ))}
      </ol>
    </nav>
  );
}
