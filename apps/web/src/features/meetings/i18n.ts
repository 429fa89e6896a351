import { i18n } from '../../i18n';
import { resources } from '../../i18n/resources';

// The meetings namespace carries its error messages; they are merged into `errors` here (the
// problem's codes, and the field codes shown next to a field).
for (const lng of ['vi', 'en'] as const)
  i18n.addResourceBundle(
    lng,
    'errors',
    { codes: resources[lng].meetings.errorCodes, fields: resources[lng].meetings.fieldCodes },
    true,
    false,
  );
