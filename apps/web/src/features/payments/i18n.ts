import { i18n } from '../../i18n';
import { resources } from '../../i18n/resources';

// The payments namespace also carries its error messages and the dossier history labels of fee
// events; they are merged into `errors` and `services` here so the shared files stay untouched.
for (const lng of ['vi', 'en'] as const) {
  const r = resources[lng].payments;
  i18n.addResourceBundle(lng, 'errors', { codes: r.errorCodes, fields: r.errorFields }, true, false);
  i18n.addResourceBundle(lng, 'services', { actions: r.dossierLabels.actions }, true, false);
}
