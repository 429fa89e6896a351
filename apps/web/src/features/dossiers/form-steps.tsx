import { useTranslation } from 'react-i18next';

export interface StepView {
  title: string;
  /** How many things are still missing or wrong in it (0: done). */
  left: number;
}

/**
 * Where the applicant is in a form split into steps: "Bước 2/5", a bar, and the list of steps, each
 * done or with what is left, any of which can be opened (the draft is saved on every move).
 */
export function FormSteps({ steps, current, onGo }: { steps: StepView[]; current: number; onGo: (i: number) => void }) {
  const { t } = useTranslation('services');
  return (
    <nav className="form-progress" aria-label={t('steps.nav')} data-testid="form-progress">
      <p className="form-progress__title">{t('steps.count', { n: current + 1, total: steps.length })}</p>
      <progress max={steps.length} value={current + 1} aria-hidden="true" />
      <details className="form-progress__list">
        <summary>{t('steps.all')}</summary>
        <ol>
          {steps.map((s, i) => (
            <li key={i}>
              <button
                type="button"
                className="btn btn--link"
                aria-current={i === current ? 'step' : undefined}
                onClick={() => onGo(i)}
              >
                {s.title}
              </button>{' '}
              <span className={`tag ${s.left === 0 ? 'tag--green' : 'tag--grey'}`}>
                {i === current
                  ? t('steps.here')
                  : s.left === 0
                    ? t('progress.done')
                    : t('progress.left', { count: s.left })}
              </span>
            </li>
          ))}
        </ol>
      </details>
    </nav>
  );
}
