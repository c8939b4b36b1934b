// Types every t('…') key against the Turkish catalogue: the shell's messages and each feature's.
// English cannot lack a key either, as every en object is typed by its Turkish one.
import type { FeatureMessages } from './registerMessages';
import type { Messages } from './tr';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages & FeatureMessages };
  }
}
