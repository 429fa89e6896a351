import { i18n } from '../../i18n';
import { languages, resources } from '../../i18n/resources';

// The problem view looks codes up in the `errors` namespace; the documents strings live in their own
// namespace file, so they are added there once (without overwriting the shared ones).
for (const lng of languages) {
  const d = resources[lng].documents;
  i18n.addResourceBundle(lng, 'errors', { codes: d.errorCodes, fields: d.errorFields }, true, false);
}
