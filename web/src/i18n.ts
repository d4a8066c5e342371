// Dutch first, English too (i18next). Each part of the app keeps its texts in its own namespace,
// locales/<language>/<namespace>.json; both languages must have the same keys
// (test/web-locales.spec.ts checks). The chosen language is remembered in localStorage.
import i18n from 'i18next';
import resourcesToBackend from 'i18next-resources-to-backend';
import { initReactI18next } from 'react-i18next';

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'verbinder.language';

// The frame's texts (common) come with the app; every page's namespace is its own small file,
// fetched when a page first asks for it (in the reader's language only), so the first load
// carries only what it shows.
type Texts = Record<string, unknown>;
const common = import.meta.glob<{ default: Texts }>('./locales/*/common.json', { eager: true });
const pages = import.meta.glob<{ default: Texts }>(['./locales/*/*.json', '!./locales/*/common.json']);
const resources: Record<string, Record<string, Texts>> = {};
for (const [path, module] of Object.entries(common)) {
  const language = /\.\/locales\/(\w+)\//.exec(path)?.[1];
  if (language) resources[language] = { common: module.default };
}

function initialLanguage(): Language {
  const fromUrl = new URLSearchParams(window.location.search).get('lang');
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(STORAGE_KEY);
  } catch {
    stored = null;
  }
  const choice = fromUrl ?? stored;
  return LANGUAGES.find((language) => language === choice) ?? 'nl';
}

void i18n
  .use(
    resourcesToBackend(async (language: string, namespace: string) => {
      const load = pages[`./locales/${language}/${namespace}.json`];
      if (!load) throw new Error(`No texts for ${language}/${namespace}`);
      return (await load()).default;
    }),
  )
  .use(initReactI18next)
  .init({
    resources,
    // Only common is bundled; the other namespaces come through the backend above.
    partialBundledLanguages: true,
    ns: ['common'],
    defaultNS: 'common',
    lng: initialLanguage(),
    // Both languages have every key (test/web-locales.spec.ts), so no second language is fetched.
    fallbackLng: false,
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });

document.documentElement.lang = i18n.language;
i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // private mode: the choice lasts for this page only
  }
});

export default i18n;
