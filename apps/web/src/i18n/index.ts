import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Lookup } from '../features/api/problem';
import { type Language, languages, namespaces, resources } from './resources';

export const LANG_STORAGE_KEY = 'egov.lang';

function initialLanguage(): Language {
  try {
    const saved = localStorage.getItem(LANG_STORAGE_KEY);
    if (saved && (languages as readonly string[]).includes(saved)) return saved as Language;
  } catch {
    // storage disabled: Vietnamese
  }
  return 'vi';
}

void i18n.use(initReactI18next).init({
  resources,
  lng: initialLanguage(),
  fallbackLng: 'vi',
  ns: [...namespaces],
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
});

function applyLanguage(lng: string) {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = lng;
  try {
    localStorage.setItem(LANG_STORAGE_KEY, lng);
  } catch {
    // ignore
  }
}
applyLanguage(i18n.language);
i18n.on('languageChanged', applyLanguage);

/** Translation lookup that says "no translation" instead of echoing the key. */
export const lookup: Lookup = (key, params) =>
  i18n.exists(key, params) ? i18n.t(key, params as Record<string, unknown>) : undefined;

export { i18n, languages, type Language };
