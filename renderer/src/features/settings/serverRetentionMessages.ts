// The server retention card's strings, registered under `serverRetention` in both languages at
// module load; the destruction log's CSV uses the same names.
import { en } from '../../i18n/en';
import { registerMessages } from '../../i18n/registerMessages';
import { tr } from '../../i18n/tr';

export const serverRetentionTr = {
  title: 'Sunucudaki verilerin saklama süreleri',
  help: 'Süresi dolan veriler her gece sunucuda silinir ya da anonimleştirilir ve imha kaydına yazılır. İmha kaydı üç yıl saklanır.',
  // Shared with the Audit page (i18n/tr.ts).
  categories: tr.retention.categories,
  methods: tr.retention.methods,
  methodHelp: { deleted: 'silinir', anonymised: 'anonimleştirilir' },
  extra: 'Varsayılan {{days}} gün; süresi dolunca {{method}}.',
  invalid: '{{min}} ile {{max}} arasında bir gün sayısı girin',
  lastChange: 'Son değişiklik: {{at}}, {{name}}',
  save: 'Kaydet',
  saved: 'Kaydedildi',
  log: 'İmha kaydı',
  logEmpty: 'Henüz imha edilen veri yok',
  at: 'Tarih',
  category: 'Veri',
  method: 'Yöntem',
  count: 'Adet',
  days: 'Saklama süresi (gün)',
  cutoff: 'Bu tarihten eskiler',
  download: 'İmha kaydını indir (CSV)',
};
export const serverRetentionEn: typeof serverRetentionTr = {
  title: 'Retention on the server',
  help: 'Data past its period is deleted or anonymised on the server every night and written to the destruction log. The destruction log is kept three years.',
  categories: en.retention.categories,
  methods: en.retention.methods,
  methodHelp: { deleted: 'deleted', anonymised: 'anonymised' },
  extra: 'Default {{days}} days; then {{method}}.',
  invalid: 'Enter a number of days from {{min}} to {{max}}',
  lastChange: 'Last changed: {{at}}, {{name}}',
  save: 'Save',
  saved: 'Saved',
  log: 'Destruction log',
  logEmpty: 'Nothing destroyed yet',
  at: 'When',
  category: 'Data',
  method: 'Method',
  count: 'Count',
  days: 'Period (days)',
  cutoff: 'Older than',
  download: 'Download the destruction log (CSV)',
};
declare module '../../i18n/registerMessages' {
  interface FeatureMessages {
    serverRetention: typeof serverRetentionTr;
  }
}

registerMessages({ serverRetention: { tr: serverRetentionTr, en: serverRetentionEn } });
