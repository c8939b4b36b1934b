// The three collections (shared/domain/README.md) as data: fields, labels, header aliases, enum options.
import type { CollectionName, CollectionSpec, EnumOption, FieldSpec, FieldType, Lang, Localized } from './types';
import { CONSENT_METHOD_LABELS } from './kvkk';
import { COLLECTIONS } from './vocabularies';

type FieldInit = Omit<FieldSpec, 'key' | 'type' | 'label' | 'aliases' | 'required'> & {
  required?: boolean;
  aliases?: string[];
};

// Header aliases are the spellings seen in real files plus both labels and the key itself, so an
// exported file (Turkish or English headers) or a developer's key-named file maps back exactly.
function field(key: string, type: FieldType, tr: string, en: string, init: FieldInit = {}): FieldSpec {
  const { aliases = [], required = false, ...rest } = init;
  const all: string[] = [];
  for (const a of [...aliases, tr, en, key]) if (!all.includes(a)) all.push(a);
  return { key, type, required, label: { tr, en }, aliases: all, ...rest };
}

function opt(value: string, tr: string, en: string, aliases?: string[]): EnumOption {
  return aliases ? { value, label: { tr, en }, aliases } : { value, label: { tr, en } };
}

const CURRENCY_OPTIONS: EnumOption[] = [
  opt('TRY', 'Türk lirası', 'Turkish lira', ['TL', '₺', 'YTL', 'Lira']),
  opt('USD', 'ABD doları', 'US dollar', ['$', 'Dolar', 'Dollar', 'US$']),
  opt('EUR', 'Euro', 'Euro', ['€', 'Avro']),
  opt('GBP', 'İngiliz sterlini', 'Pound sterling', ['£', 'Sterlin', 'Pound']),
];

const DATE_TR = 'Tarih';

const beneficiaries: CollectionSpec = {
  name: 'beneficiaries',
  label: { tr: 'İhtiyaç sahipleri', en: 'Beneficiaries' },
  naturalKey: 'nationalId',
  dateField: null,
  statusField: 'status',
  fields: [
    field('fullName', 'text', 'Ad Soyad', 'Full name', {
      required: true,
      minLength: 2,
      maxLength: 120,
      aliases: ['Ad Soyad', 'Adı Soyadı', 'İsim Soyisim', 'Name'],
    }),
    field('nationalId', 'nationalId', 'TC Kimlik No', 'National ID number', {
      required: true,
      aliases: ['TC Kimlik No', 'T.C. Kimlik No', 'TCKN', 'Kimlik No', 'TC Kimlik Numarası', 'National ID'],
    }),
    field('phone', 'phone', 'Telefon', 'Phone', { aliases: ['Telefon', 'Cep Telefonu', 'GSM', 'Mobile'] }),
    field('email', 'email', 'E-posta', 'Email', { aliases: ['E-posta', 'Eposta', 'E-mail'] }),
    field('birthDate', 'date', 'Doğum Tarihi', 'Date of birth', {
      aliases: ['Doğum Tarihi', 'Birth date'],
      minDate: '1900-01-01',
      notInFuture: true,
    }),
    field('city', 'province', 'İl', 'Province', { aliases: ['İl', 'Şehir', 'City'] }),
    field('district', 'text', 'İlçe', 'District', { maxLength: 100 }),
    field('address', 'text', 'Adres', 'Address', { maxLength: 500, multiline: true }),
    field('householdSize', 'integer', 'Hane Nüfusu', 'Household size', {
      aliases: ['Hane Nüfusu', 'Kişi Sayısı'],
      min: 1,
      max: 30,
    }),
    field('monthlyIncome', 'money', 'Aylık Gelir', 'Monthly income', {
      aliases: ['Aylık Gelir', 'Aylık Gelir (TL)', 'Gelir'],
      min: 0,
      fixedCurrency: 'TRY',
    }),
    field('iban', 'iban', 'IBAN', 'IBAN'),
    field('category', 'enum', 'Kategori', 'Category', {
      options: [
        opt('yetim', 'Yetim', 'Orphan'),
        opt('yasli', 'Yaşlı', 'Elderly'),
        opt('engelli', 'Engelli', 'Disabled'),
        opt('ogrenci', 'Öğrenci', 'Student'),
        opt('multeci', 'Mülteci', 'Refugee'),
        opt('diger', 'Diğer', 'Other'),
      ],
    }),
    field('status', 'enum', 'Durum', 'Status', {
      defaultValue: 'aktif',
      options: [
        opt('aktif', 'Aktif', 'Active'),
        opt('pasif', 'Pasif', 'Inactive'),
        opt('beklemede', 'Beklemede', 'Pending'),
      ],
    }),
    field('notes', 'text', 'Notlar', 'Notes', {
      aliases: ['Notlar', 'Açıklama'],
      maxLength: 2000,
      multiline: true,
    }),
  ],
};

const donations: CollectionSpec = {
  name: 'donations',
  label: { tr: 'Bağışlar', en: 'Donations' },
  naturalKey: 'receiptNo',
  dateField: 'date',
  statusField: 'status',
  fields: [
    field('receiptNo', 'text', 'Makbuz No', 'Receipt no.', {
      required: true,
      maxLength: 100,
      aliases: ['Makbuz No', 'Makbuz Numarası', 'Receipt number'],
    }),
    field('donorName', 'text', 'Bağışçı Adı', 'Donor name', {
      required: true,
      maxLength: 200,
      aliases: ['Bağışçı', 'Bağışçı Adı', 'Ad Soyad', 'Donor'],
    }),
    field('amount', 'money', 'Tutar', 'Amount', {
      required: true,
      aliases: ['Tutar', 'Bağış Tutarı', 'Miktar'],
      min: 1,
      currencyField: 'currency',
    }),
    field('currency', 'currency', 'Para Birimi', 'Currency', {
      aliases: ['Para Birimi', 'Döviz'],
      defaultValue: 'TRY',
      options: CURRENCY_OPTIONS,
    }),
    field('date', 'date', DATE_TR, 'Date', { required: true, aliases: ['Tarih', 'Bağış Tarihi'] }),
    field('method', 'enum', 'Ödeme Şekli', 'Payment method', {
      aliases: ['Ödeme Şekli', 'Ödeme Yöntemi'],
      options: [
        opt('nakit', 'Nakit', 'Cash'),
        opt('havale', 'Havale/EFT', 'Bank transfer', ['EFT', 'Havale', 'Banka Havalesi']),
        opt('kredi_karti', 'Kredi Kartı', 'Credit card', ['Kart', 'KK']),
        opt('online', 'Online', 'Online', ['İnternet']),
        opt('diger', 'Diğer', 'Other'),
      ],
    }),
    field('purpose', 'enum', 'Bağış Türü', 'Purpose', {
      aliases: ['Bağış Türü', 'Amaç'],
      defaultValue: 'genel',
      options: [
        opt('genel', 'Genel', 'General'),
        opt('zekat', 'Zekât', 'Zakat'),
        opt('fitre', 'Fitre', 'Fitrah'),
        opt('kurban', 'Kurban', 'Qurban'),
        opt('burs', 'Burs', 'Scholarship'),
        opt('gida', 'Gıda', 'Food'),
        opt('egitim', 'Eğitim', 'Education'),
        opt('saglik', 'Sağlık', 'Health'),
      ],
    }),
    field('donorNationalId', 'nationalId', 'Bağışçı TC Kimlik No', 'Donor national ID number', {
      aliases: ['Bağışçı TC', 'Bağışçı TC Kimlik No', 'Bağışçı TCKN'],
    }),
    field('donorPhone', 'phone', 'Bağışçı Telefon', 'Donor phone', {
      aliases: ['Bağışçı Telefon', 'Bağışçı Telefonu', 'Bağışçı GSM'],
    }),
    field('donorEmail', 'email', 'Bağışçı E-posta', 'Donor email', {
      aliases: ['Bağışçı E-posta', 'Bağışçı Eposta'],
    }),
    field('status', 'enum', 'Durum', 'Status', {
      defaultValue: 'tamamlandi',
      options: [
        opt('tamamlandi', 'Tamamlandı', 'Completed'),
        opt('beklemede', 'Beklemede', 'Pending'),
        opt('iptal', 'İptal', 'Cancelled', ['İptal edildi', 'Canceled']),
      ],
    }),
    field('notes', 'text', 'Notlar', 'Notes', {
      aliases: ['Açıklama', 'Not', 'Notlar'],
      maxLength: 2000,
      multiline: true,
    }),
  ],
};

const financeRecords: CollectionSpec = {
  name: 'financeRecords',
  label: { tr: 'Finans kayıtları', en: 'Finance records' },
  naturalKey: 'documentNo',
  dateField: 'date',
  statusField: 'status',
  fields: [
    field('documentNo', 'text', 'Belge No', 'Document no.', {
      required: true,
      maxLength: 100,
      aliases: ['Belge No', 'Fiş No', 'Fatura No', 'Document number'],
    }),
    field('type', 'enum', 'Tür', 'Type', {
      required: true,
      aliases: ['Tür', 'İşlem Türü'],
      options: [opt('gelir', 'Gelir', 'Income'), opt('gider', 'Gider', 'Expense')],
    }),
    field('amount', 'money', 'Tutar', 'Amount', { required: true, min: 1, currencyField: 'currency' }),
    field('currency', 'currency', 'Para Birimi', 'Currency', {
      aliases: ['Para Birimi', 'Döviz'],
      defaultValue: 'TRY',
      options: CURRENCY_OPTIONS,
    }),
    field('date', 'date', DATE_TR, 'Date', { required: true, aliases: ['Tarih', 'İşlem Tarihi'] }),
    field('category', 'text', 'Kategori', 'Category', {
      required: true,
      maxLength: 200,
      aliases: ['Kategori', 'Hesap'],
    }),
    field('counterparty', 'text', 'Karşı Taraf', 'Counterparty', {
      maxLength: 200,
      aliases: ['Cari', 'Karşı Taraf', 'Firma'],
    }),
    field('description', 'text', 'Açıklama', 'Description', { maxLength: 1000, multiline: true }),
    field('status', 'enum', 'Durum', 'Status', {
      defaultValue: 'onaylandi',
      options: [
        opt('onaylandi', 'Onaylandı', 'Approved'),
        opt('beklemede', 'Beklemede', 'Pending'),
        opt('iptal', 'İptal', 'Cancelled', ['İptal edildi', 'Canceled']),
      ],
    }),
  ],
};

export const SPECS: Record<CollectionName, CollectionSpec> = { beneficiaries, donations, financeRecords };

// Consent columns of a beneficiary import (KVKK register, issue #25): mapped, parsed and checked
// like fields, but never stored on the record. The server records a "yes" as a consent of the
// row's person with the import run (undone with it); "no" or an empty cell records nothing (a
// withdrawal is recorded on the person's page, where the one who withdraws it is known).
const YES_NO: EnumOption[] = [
  opt('yes', 'Evet', 'Yes', ['E', 'Var', 'Var.', 'Onaylı', 'Onay', 'Verdi', 'İzinli', 'X', '✓', '1', 'Y', 'True', 'Doğru']),
  opt('no', 'Hayır', 'No', ['H', 'Yok', 'Onaysız', 'Vermedi', 'İzinsiz', '0', 'N', 'False', 'Yanlış']),
];
export const CONSENT_COLUMNS: FieldSpec[] = [
  field('consentSms', 'enum', 'SMS İzni', 'SMS consent', {
    options: YES_NO,
    aliases: ['SMS İzni', 'SMS Rızası', 'SMS Onayı', 'SMS İzin', 'SMS Açık Rıza', 'SMS Onay', 'Mesaj İzni', 'SMS consent'],
  }),
  field('consentEmail', 'enum', 'E-posta İzni', 'E-mail consent', {
    options: YES_NO,
    aliases: ['E-posta İzni', 'E-posta Rızası', 'E-posta Onayı', 'Eposta İzni', 'E-mail İzni', 'Mail İzni', 'Email consent'],
  }),
  field('consentSpecial', 'enum', 'Özel Nitelikli Veri Rızası', 'Special-category data consent', {
    options: YES_NO,
    aliases: ['Özel Nitelikli Veri Rızası', 'Özel Nitelikli Veri İzni', 'Özel Nitelikli Veri Onayı', 'Özel Nitelikli Rıza', 'Sağlık Verisi Rızası', 'Special category consent'],
  }),
  field('consentDate', 'date', 'Rıza Tarihi', 'Consent date', {
    aliases: ['Rıza Tarihi', 'İzin Tarihi', 'Onay Tarihi', 'Açık Rıza Tarihi', 'Rızanın Alındığı Tarih'],
    minDate: '2016-04-07',
    notInFuture: true,
  }),
  field('consentMethod', 'enum', 'Rıza Alınış Şekli', 'Consent obtained', {
    options: [
      opt('paper', CONSENT_METHOD_LABELS.paper.tr, CONSENT_METHOD_LABELS.paper.en, ['Yazılı', 'Kağıt', 'Kâğıt', 'Form', 'Islak İmza', 'Dilekçe', 'Paper']),
      opt('verbal', CONSENT_METHOD_LABELS.verbal.tr, CONSENT_METHOD_LABELS.verbal.en, ['Telefon', 'Telefonla', 'Sözel', 'Verbal']),
      opt('online', CONSENT_METHOD_LABELS.online.tr, CONSENT_METHOD_LABELS.online.en, ['Çevrimiçi', 'İnternet', 'Web', 'E-posta ile', 'Online form']),
    ],
    aliases: ['Rıza Alınış Şekli', 'Rıza Şekli', 'İzin Şekli', 'Rızanın Alınış Şekli', 'Onay Şekli', 'Nasıl Alındı'],
  }),
  field('consentNotice', 'text', 'Aydınlatma Metni Sürümü', 'Notice version', {
    maxLength: 50,
    aliases: ['Aydınlatma Metni Sürümü', 'Aydınlatma Metni', 'Aydınlatma Metni Versiyonu', 'Metin Sürümü', 'Notice version'],
  }),
];

/** What a consent column gives: the purpose a "yes" consents to. */
export const CONSENT_COLUMN_PURPOSES = { consentSms: 'sms', consentEmail: 'email', consentSpecial: 'special' } as const;

const IMPORT_FIELDS: Record<CollectionName, FieldSpec[]> = {
  beneficiaries: [...beneficiaries.fields, ...CONSENT_COLUMNS],
  donations: donations.fields,
  financeRecords: financeRecords.fields,
};

/** The columns an import can map to: the record's fields, and for beneficiaries the consent columns. */
export function importFields(collection: CollectionName): FieldSpec[] {
  return IMPORT_FIELDS[collection];
}

export function isCollectionName(x: unknown): x is CollectionName {
  return typeof x === 'string' && (COLLECTIONS as readonly string[]).includes(x);
}

export function getSpec(collection: CollectionName): CollectionSpec {
  return SPECS[collection];
}

/** A field of the collection, or a column its import can map to (importFields). */
export function getField(collection: CollectionName, key: string): FieldSpec | undefined {
  return IMPORT_FIELDS[collection]?.find((f) => f.key === key);
}

export function fieldLabel(collection: CollectionName, key: string, lang: Lang): string {
  return getField(collection, key)?.label[lang] ?? key;
}

export function optionLabel(collection: CollectionName, key: string, value: string, lang: Lang): string {
  return getField(collection, key)?.options?.find((o) => o.value === value)?.label[lang] ?? value;
}

/** A label for a field key without knowing its collection (keys shared across collections share labels). */
export function anyFieldLabel(key: string, lang: Lang): Localized[Lang] | undefined {
  for (const c of COLLECTIONS) {
    const f = getField(c, key);
    if (f) return f.label[lang];
  }
  return undefined;
}
