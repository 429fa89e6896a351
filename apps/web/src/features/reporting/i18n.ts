import { i18n } from '../../i18n';
import { resources } from '../../i18n/resources';

// The reporting namespace carries its error messages; they are merged into `errors` here.
for (const lng of ['vi', 'en'] as const)
  i18n.addResourceBundle(lng, 'errors', { codes: resources[lng].reporting.errorCodes }, true, false);
