// Feature pages keep their strings beside them and add them to i18next's bundles, one top-level
// key per feature. Page modules are imported before main.tsx initialises i18next, so the
// registration waits for the store when it is not there yet.
import i18next from 'i18next';

type Messages = Record<string, unknown>;

export function registerMessages(features: Record<string, { tr: Messages; en: Messages }>): void {
  const add = () => {
    for (const lang of ['tr', 'en'] as const) {
      const bundle = Object.fromEntries(Object.entries(features).map(([key, messages]) => [key, messages[lang]]));
      i18next.addResourceBundle(lang, 'translation', bundle, true, true);
    }
  };
  if (i18next.store) add();
  else i18next.on('initialized', add);
}
