// Feature pages keep their strings beside them and add them to i18next's bundles, one top-level
// key per feature. Page modules are imported before main.tsx initialises i18next, so the
// registration waits for the store when it is not there yet.
import i18next from 'i18next';
import type { exportTr } from '../features/export/exportMessages';
import type { importTr } from '../features/import/importMessages';
import type { inboxTr, messagingSettingsTr, sendingTr } from '../features/inbox/inboxMessages';
import type { bulkTr } from '../features/messages/bulkMessages';
import type { kvkkTr } from '../features/kvkk/kvkkMessages';
import type { recordTr } from '../features/records/recordMessages';
import type { serverTr } from '../features/server/serverMessages';
import type { retentionTr } from '../features/settings/RetentionCard';
import type { ownPasswordTr, staffTr } from '../features/staff/staffMessages';

/** Every feature's Turkish messages under its key: with tr.ts, the catalogue `t` keys are checked against. */
export interface FeatureMessages {
  import: typeof importTr;
  export: typeof exportTr;
  bulk: typeof bulkTr;
  inbox: typeof inboxTr;
  messagingSettings: typeof messagingSettingsTr;
  sending: typeof sendingTr;
  server: typeof serverTr;
  retention: typeof retentionTr;
  staff: typeof staffTr;
  record: typeof recordTr;
  ownPassword: typeof ownPasswordTr;
  kvkk: typeof kvkkTr;
}

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
