// The Export page's strings, registered under `export` in both languages at module load, so the
// shared tr.ts / en.ts stay untouched. Both objects must have the same keys (a test checks).
import { registerMessages } from '../../i18n/registerMessages';

export const exportTr = {
  title: 'Dışa aktar',
  collection: 'Koleksiyon',
  dateRange: 'Tarih aralığı ({{field}})',
  createdAt: 'kayıt tarihi',
  from: 'Başlangıç',
  to: 'Bitiş',
  status: 'Durum',
  city: 'İl',
  category: 'Kategori',
  type: 'Tür',
  any: 'Tümü',
  columns: 'Sütunlar ve sıraları',
  allColumns: 'Tümünü seç',
  moveUp: '{{name}} sütununu yukarı taşı',
  moveDown: '{{name}} sütununu aşağı taşı',
  anonymised: 'Anonim (istatistik için)',
  anonymisedHelp: 'Ad, TC Kimlik No, telefon, e-posta, IBAN, adres ve notlar yazılmaz; doğum tarihi yalnız yıl olarak yazılır. Denetim kaydı dışa aktarmanın anonim olduğunu belirtir.',
  headerLang: 'Başlık dili',
  format: 'Biçim',
  formats: {
    'excel-tr': 'Excel (Türkçe) CSV',
    csv: 'Standart CSV',
    json: 'JSON',
    xlsx: 'Excel çalışma kitabı (XLSX)',
  },
  formatHelp: {
    'excel-tr': 'Türkçe Excel çift tıklamayla doğru açar: ; ayraç, virgüllü tutar, gg.aa.yyyy tarih.',
    csv: 'Programlar için: virgül ayraç, noktalı tutar, ISO tarih.',
    json: 'Programlar için: kayıt dizisi, tutarlar sayı ve para birimiyle.',
    xlsx: 'Tutarlar sayı, tarihler gerçek tarih hücresi olarak.',
  },
  count: '{{count}} kayıt aktarılacak',
  countCapped: 'En az {{count}} kayıt aktarılacak',
  counting: 'Sayılıyor…',
  noColumns: 'En az bir sütun seçin.',
  start: 'Dışa aktarmayı başlat',
  cancel: 'İptal',
  progress: '{{rows}} / {{total}} kayıt yazıldı',
  progressCapped: '{{rows}} kayıt yazıldı (toplam en az {{total}})',
  done: '{{rows}} kayıt dışa aktarıldı.',
  savedTo: 'Kaydedildiği yer: {{path}}',
  download: 'Dosyayı indir',
  openFolder: 'Klasörde göster',
  cancelled: 'Dışa aktarma iptal edildi; dosya oluşturulmadı.',
  failed: 'Dışa aktarma başarısız: {{message}}',
};

export const exportEn: typeof exportTr = {
  title: 'Export',
  collection: 'Collection',
  dateRange: 'Date range ({{field}})',
  createdAt: 'date created',
  from: 'From',
  to: 'To',
  status: 'Status',
  city: 'Province',
  category: 'Category',
  type: 'Type',
  any: 'All',
  columns: 'Columns and their order',
  allColumns: 'Select all',
  moveUp: 'Move column {{name}} up',
  moveDown: 'Move column {{name}} down',
  anonymised: 'Anonymised (for statistics)',
  anonymisedHelp: 'Names, TC Kimlik numbers, phones, e-mails, IBANs, addresses and notes are left out; birth dates are written as the year only. The audit entry says the export was anonymised.',
  headerLang: 'Header language',
  format: 'Format',
  formats: {
    'excel-tr': 'Excel (Turkish) CSV',
    csv: 'Standard CSV',
    json: 'JSON',
    xlsx: 'Excel workbook (XLSX)',
  },
  formatHelp: {
    'excel-tr': 'Opens correctly in Turkish Excel by double-click: ; separator, decimal comma, dd.mm.yyyy dates.',
    csv: 'For programs: comma separator, dot decimals, ISO dates.',
    json: 'For programs: an array of records, amounts as numbers with their currency.',
    xlsx: 'Amounts as numbers, dates as real date cells.',
  },
  count: '{{count}} records will be exported',
  countCapped: 'At least {{count}} records will be exported',
  counting: 'Counting…',
  noColumns: 'Choose at least one column.',
  start: 'Start export',
  cancel: 'Cancel',
  progress: '{{rows}} of {{total}} records written',
  progressCapped: '{{rows}} records written (at least {{total}} in all)',
  done: '{{rows}} records exported.',
  savedTo: 'Saved to: {{path}}',
  download: 'Download the file',
  openFolder: 'Show in folder',
  cancelled: 'Export cancelled; no file was created.',
  failed: 'Export failed: {{message}}',
};

declare module '../../i18n/registerMessages' {
  interface FeatureMessages {
    export: typeof exportTr;
  }
}

registerMessages({ export: { tr: exportTr, en: exportEn } });
