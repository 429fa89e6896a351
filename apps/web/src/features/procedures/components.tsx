import { useTranslation } from 'react-i18next';
import type { OnlineMode } from './types';

/** How far a procedure can be done online (dịch vụ công trực tuyến toàn trình / một phần). */
export function ModeBadge({ mode }: { mode: OnlineMode }) {
  const { t } = useTranslation('services');
  return (
    <span className={`tag ${mode === 'full' ? 'tag--green' : mode === 'partial' ? '' : 'tag--grey'}`}>
      {t(`modes.${mode}`)}
    </span>
  );
}
