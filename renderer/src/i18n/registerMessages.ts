// Feature pages keep their strings beside them and add them to i18next's bundles, one top-level
// key per feature. Page modules are imported before main.tsx initialises i18next, so the
// registration waits for the store when it is not there yet.
import i18next from 'i18next';

/**
 * Every feature's Turkish messages under its key: with tr.ts, the catalogue `t` keys are checked
 * against. Empty here: each feature's messages module adds its keys by declaration merging
 * (`declare module '…/i18n/registerMessages'`), so this hub imports no feature.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface FeatureMessages {}

type Registration = { [K in keyof FeatureMessages]?: { tr: FeatureMessages[K]; en: FeatureMessages[K] } };

export function registerMessages(features: Registration): void {
  const add = () => {
    for (const lang of ['tr', 'en'] as const) {
      const bundle = Object.fromEntries(Object.entries(features).map(([key, messages]) => [key, messages[lang]]));
      i18next.addResourceBundle(lang, 'translation', bundle, true, true);
    }
  };
  if (i18next.store) add();
  else i18next.on('initialized', add);
}
