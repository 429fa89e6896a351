import { i18n } from '../../i18n';
import { languages, resources } from '../../i18n/resources';

// The error messages of the signatures API live in this module's namespace and join the shared
// `errors` namespace here, where the error summary looks them up.
for (const lng of languages) i18n.addResourceBundle(lng, 'errors', resources[lng].signatures.errors, true, false);
