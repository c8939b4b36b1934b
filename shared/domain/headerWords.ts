// The words of header matching (headers.ts): how staff spell each word of a column header, and
// which combinations of words name which field. Words are compared folded (headerTokens in
// headers.ts: Turkish lower case, no diacritics, punctuation as spaces). Kept as data so the
// header corpus (bench/headers) measures the rules, not a list of the corpus's own spellings.
import type { CollectionName } from './types';

/** How far a spelling is from the word a field's label or alias uses; the weakest one is the reason. */
export type WordKind = 'same' | 'suffix' | 'abbreviation' | 'synonym' | 'typo';

/**
 * canonical word(s) ← spellings, by kind. A canonical form with a space expands to several words
 * ("tckn" → tc kimlik no). Possessive and plural suffixes (-ı, -sı, -lar, -ları, -nin …) need no
 * entry: headerTokens strips them when what remains is a word here.
 */
const WORDS: [canon: string, kind: WordKind, spellings: string[]][] = [
  ['ad', 'same', ['ad', 'isim', 'name']],
  ['ad', 'suffix', ['ismi', 'isimi']],
  ['soyad', 'same', ['soyad', 'soyisim', 'surname']],
  ['soyad', 'suffix', ['soyismi']],
  ['soyad', 'synonym', ['lastname']],
  ['ad soyad', 'same', ['adsoyad', 'adisoyadi', 'isimsoyisim', 'fullname']],
  ['ad soyad', 'suffix', ['adisoyad', 'adsoyadi', 'isimsoyad', 'adsoyisim', 'adisoyisim', 'isimsoyadi']],
  ['tc', 'same', ['tc']],
  ['tc no', 'abbreviation', ['tcno', 'tcnu']],
  ['tc kimlik', 'abbreviation', ['tck', 'tckimlik']],
  ['tc kimlik no', 'abbreviation', ['tckn', 'tckno', 'tckimlikno', 'tcknno']],
  ['kimlik', 'same', ['kimlik', 'national']],
  ['kimlik', 'suffix', ['kimligi', 'kimliginin']],
  ['kimlik', 'synonym', ['vatandaslik', 'identity']],
  ['ykn', 'abbreviation', ['ykn', 'ykno']],
  ['yabanci', 'same', ['yabanci']],
  ['no', 'same', ['no', 'numara', 'number']],
  ['no', 'suffix', ['nosu', 'numarasi']],
  ['no', 'abbreviation', ['nu', 'nr', 'num', 'numr']],
  ['telefon', 'same', ['telefon', 'gsm', 'cep', 'phone', 'mobile']],
  ['telefon', 'abbreviation', ['tel', 'tlf', 'telf', 'tlfn', 'gsmno']],
  ['telefon', 'synonym', ['mobil', 'ceptelefon', 'cepno', 'cellphone']],
  ['telefon', 'abbreviation', ['ceptel']],
  ['telefon no', 'abbreviation', ['telno', 'tlfno']],
  ['iletisim', 'same', ['iletisim', 'irtibat', 'contact']],
  ['eposta', 'same', ['eposta', 'email']],
  ['eposta', 'synonym', ['mail', 'elektronikposta', 'emailadres']],
  ['adres', 'same', ['adres', 'address']],
  ['adres', 'abbreviation', ['adr']],
  ['adres', 'synonym', ['ikametgah', 'ikametgahi']],
  ['dogum', 'same', ['dogum', 'birth']],
  ['dogum', 'abbreviation', ['d', 'dog', 'dgm']],
  ['dogum tarih', 'abbreviation', ['dt', 'dtarihi', 'dtar', 'dogtar', 'dtrh']],
  ['tarih', 'same', ['tarih', 'date']],
  ['tarih', 'abbreviation', ['tar', 'trh', 'trhi']],
  ['il', 'same', ['il', 'sehir', 'city', 'province']],
  ['il', 'suffix', ['sehri']],
  ['adet', 'same', ['adet']],
  ['il', 'synonym', ['vilayet']],
  ['ilce', 'same', ['ilce', 'district']],
  ['ilce', 'synonym', ['semt']],
  ['hane', 'same', ['hane', 'household']],
  ['hane', 'suffix', ['hanedeki', 'hanesindeki', 'hanede']],
  ['hane', 'synonym', ['aile', 'ailede', 'ailedeki']],
  ['nufus', 'same', ['nufus', 'nufusu']],
  ['kisi', 'same', ['kisi']],
  ['kisi', 'synonym', ['fert', 'ferd', 'birey']],
  ['sayi', 'same', ['sayi', 'size']],
  ['sayi', 'synonym', ['adedi', 'mevcut', 'mevcudu', 'count']],
  ['gelir', 'same', ['gelir', 'income']],
  ['gelir', 'synonym', ['maas', 'kazanc']],
  ['aylik', 'same', ['aylik', 'monthly']],
  ['iban', 'same', ['iban']],
  ['kategori', 'same', ['kategori', 'category']],
  ['kategori', 'synonym', ['grup', 'grubu', 'group']],
  ['durum', 'same', ['durum', 'status']],
  ['durum', 'synonym', ['statu']],
  ['not', 'same', ['not', 'notes', 'note']],
  ['aciklama', 'same', ['aciklama', 'description']],
  ['aciklama', 'synonym', ['izahat', 'detay']],
  ['makbuz', 'same', ['makbuz', 'receipt']],
  ['makbuz', 'abbreviation', ['mkbz']],
  ['bagisci', 'same', ['bagisci', 'donor']],
  ['bagisci', 'synonym', ['bagiscinin']],
  ['bagis', 'same', ['bagis', 'donation']],
  ['yapan', 'same', ['yapan']],
  ['gonderen', 'synonym', ['gonderen', 'gonderici', 'sender']],
  ['tutar', 'same', ['tutar', 'amount', 'miktar']],
  ['tutar', 'synonym', ['meblag', 'bedel']],
  ['para', 'same', ['para']],
  ['birim', 'same', ['birim']],
  ['para birim', 'abbreviation', ['pb']],
  ['para birim', 'same', ['currency']],
  ['doviz', 'same', ['doviz']],
  ['doviz', 'abbreviation', ['dvz']],
  ['cins', 'synonym', ['cins']],
  ['odeme', 'same', ['odeme', 'payment']],
  ['odeme', 'synonym', ['tahsilat']],
  ['sekil', 'same', ['sekil', 'sekli', 'yontem', 'method']],
  ['kanal', 'synonym', ['kanal']],
  ['tur', 'same', ['tur', 'type']],
  ['amac', 'same', ['amac', 'purpose']],
  ['tip', 'synonym', ['tip']],
  ['belge', 'same', ['belge', 'document']],
  ['belge', 'synonym', ['evrak', 'dokuman']],
  ['fis', 'same', ['fis']],
  ['fatura', 'same', ['fatura']],
  ['dekont', 'synonym', ['dekont']],
  ['yevmiye', 'synonym', ['yevmiye']],
  ['referans', 'synonym', ['referans', 'ref', 'reference']],
  ['islem', 'same', ['islem', 'transaction']],
  ['hesap', 'same', ['hesap']],
  ['cari', 'same', ['cari']],
  ['karsi', 'same', ['karsi']],
  ['taraf', 'same', ['taraf']],
  ['karsi taraf', 'same', ['counterparty', 'karsitaraf']],
  ['firma', 'same', ['firma']],
  ['firma', 'synonym', ['sirket', 'tedarikci', 'musteri', 'kurum', 'satici']],
  ['unvan', 'synonym', ['unvan', 'title']],
  ['gider', 'same', ['gider']],
  ['onay', 'same', ['onay']],
  ['dosya', 'same', ['dosya']],
  ['reis', 'same', ['reis']],
  ['ev', 'same', ['ev']],
  ['seri', 'same', ['seri']],
  ['gonderen', 'synonym', ['kimden']],
  ['bagisci', 'synonym', ['hayirsever']],
  ['makbuz', 'synonym', ['alindi']],
  ['amac', 'synonym', ['konu']],
  ['sekil', 'synonym', ['araci']],
  ['nakit', 'same', ['nakit']],
  ['havale', 'same', ['havale']],
  ['kod', 'same', ['kod']],
  ['aktif', 'same', ['aktif']],
  ['pasif', 'same', ['pasif']],
  ['dogum tarih', 'same', ['birthdate']],
  ['dogum tarih', 'abbreviation', ['dob']],
  ['nufus', 'abbreviation', ['nuf']],
  ['banka', 'same', ['banka']],
  ['odeme', 'synonym', ['odenen']],
  ['kategori', 'synonym', ['kalem']],
  ['gider', 'synonym', ['masraf']],
  ['butce', 'same', ['butce']],
  ['firma', 'synonym', ['alici']],
  // Words that belong to other things (father's name, birth place, registration or delivery date,
  // VAT, balance, row number …): known here so that a typo never turns one into a field's word.
  ['baba', 'same', ['baba']],
  ['anne', 'same', ['anne']],
  ['es', 'same', ['es']],
  ['veli', 'same', ['veli']],
  ['cocuk', 'same', ['cocuk']],
  ['yer', 'same', ['yer']],
  ['kayit', 'same', ['kayit']],
  ['kayitli', 'same', ['kayitli']],
  ['teslim', 'same', ['teslim']],
  ['kdv', 'same', ['kdv']],
  ['bakiye', 'same', ['bakiye']],
  ['sira', 'same', ['sira']],
  ['borc', 'same', ['borc']],
  ['alacak', 'same', ['alacak']],
  ['kur', 'same', ['kur']],
  ['valor', 'same', ['valor']],
  ['sube', 'same', ['sube']],
  ['yil', 'same', ['yil']],
  ['yas', 'same', ['yas']],
];

export interface WordEntry {
  canon: string[];
  kind: WordKind;
}

export const WORD_TABLE: ReadonlyMap<string, WordEntry> = (() => {
  const table = new Map<string, WordEntry>();
  for (const [canon, kind, spellings] of WORDS) {
    for (const s of spellings) if (!table.has(s)) table.set(s, { canon: canon.split(' '), kind });
  }
  return table;
})();

/** Words that add nothing to what a header names ("Açık Adres", "İkamet İli", "Toplam Tutar"). */
export const FILLERS_EVERYWHERE = new Set(['ve', 'ile', 'veya', 'acik', 'ikamet', 'yasadigi', 'yasayan', 'bulundugu', 'toplam', 'bilgi', 'bilgisi', 'tam', 'halk', 'halki', 'kisisel', 'tl', 'try', 'ytl', 'of', 'ek', 'net']);

/**
 * Words that name the collection's subject ("İhtiyaç Sahibi Adı" is the name, "Bağışçı TC" the
 * donor's ID, "Bağış Tarihi" the date), and the fields they may stand before: "Bağışçı Türü" is
 * the kind of donor, not the donation's purpose.
 */
const DONOR_FIELDS = ['donorName', 'donorNationalId', 'donorPhone', 'donorEmail'];
export const FILLERS: Record<CollectionName, Record<string, string[] | 'all'>> = {
  beneficiaries: Object.fromEntries(['ihtiyac', 'sahip', 'sahibi', 'yararlanici', 'hak', 'basvuru', 'basvuran', 'muhtac', 'aday', 'yazisma'].map((w) => [w, 'all'])),
  donations: {
    bagis: 'all',
    bagisci: DONOR_FIELDS,
    yapan: DONOR_FIELDS,
    gonderen: DONOR_FIELDS,
    makbuz: ['receiptNo', 'amount', 'date', 'notes'],
    dekont: ['receiptNo', 'amount', 'date', 'notes'],
  },
  financeRecords: { islem: 'all', hareket: 'all' },
};

const NATIONAL_ID = ['tc kimlik no', 'tc kimlik', 'tc no', 'tc', 'kimlik no', 'kimlik', 'ykn', 'ykn no', 'yabanci kimlik no', 'yabanci kimlik', 'yabanci no', 'tc ykn', 'tc ykn no', 'tc kimlik ykn', 'kimlik ykn no'];
const PHONE = ['telefon', 'telefon no', 'iletisim telefon', 'iletisim telefon no'];
const EMAIL = ['eposta', 'eposta adres'];
const CURRENCY = ['para birim', 'doviz', 'doviz cins', 'para cins', 'doviz tur', 'para', 'doviz birim', 'doviz kod', 'para birim kod', 'para kod'];
const NOTES = ['not', 'aciklama', 'not aciklama'];
const STATUS = ['durum'];

/**
 * The word sets that name each field (order does not matter). A header names a field when its
 * words, fillers aside, are exactly one of these sets: one unknown word ("Baba Adı", "Doğum Yeri",
 * "Kayıt Tarihi") and it names nothing.
 */
export const FIELD_WORDS: Record<CollectionName, Record<string, string[]>> = {
  beneficiaries: {
    fullName: ['ad soyad', 'ad', 'ad soyad unvan', 'hane reis ad soyad', 'reis ad soyad', 'hane reis ad', 'kisi ad soyad'],
    nationalId: NATIONAL_ID,
    phone: PHONE,
    email: EMAIL,
    birthDate: ['dogum tarih'],
    city: ['il', 'il ad'],
    district: ['ilce', 'ilce ad'],
    address: ['adres', 'ev adres'],
    householdSize: ['ev sayi', 'ev kisi sayi', 'hane nufus', 'hane sayi', 'hane kisi sayi', 'kisi sayi', 'hane kisi', 'nufus', 'nufus sayi', 'hane nufus sayi', 'hane birey sayi'],
    monthlyIncome: ['gelir', 'aylik gelir', 'hane gelir', 'aylik hane gelir', 'gelir tutar', 'aylik gelir tutar', 'aylik hane gelir tutar'],
    iban: ['iban', 'iban no', 'banka iban', 'banka iban no'],
    category: ['kategori'],
    status: [...STATUS, 'kayit durum', 'dosya durum', 'aktif pasif'],
    notes: NOTES,
  },
  donations: {
    receiptNo: ['makbuz no', 'makbuz', 'makbuz seri no', 'dekont no', 'dekont', 'referans no', 'referans', 'islem no', 'belge no', 'fis no', 'bagis no', 'makbuz sira no', 'makbuz belge no'],
    donorName: ['bagisci', 'bagisci ad', 'ad soyad', 'ad', 'bagis yapan', 'yapan', 'yapan kisi', 'gonderen', 'unvan', 'ad soyad unvan', 'ad unvan', 'bagis yapan ad soyad', 'bagis yapan kisi'],
    amount: ['tutar', 'islem tutar', 'odeme tutar'],
    currency: CURRENCY,
    date: ['tarih', 'islem tarih', 'odeme tarih'],
    method: ['odeme sekil', 'odeme', 'sekil', 'odeme tip', 'odeme tur', 'odeme kanal', 'kanal', 'nakit havale', 'islem tur'],
    purpose: ['tur', 'amac', 'cins', 'kategori', 'tur amac', 'tip'],
    donorNationalId: NATIONAL_ID,
    donorPhone: PHONE,
    donorEmail: EMAIL,
    status: [...STATUS, 'odeme durum'],
    notes: [...NOTES, 'islem aciklama'],
  },
  financeRecords: {
    documentNo: ['belge no', 'fis no', 'fatura no', 'evrak no', 'dekont no', 'yevmiye no', 'referans no', 'islem no', 'belge', 'fis', 'fatura seri no', 'belge seri no', 'fis fatura no', 'makbuz fatura no'],
    type: ['tur', 'tip', 'gelir gider', 'gelir gider tur', 'gelir gider tip'],
    amount: ['tutar', 'belge tutar', 'fatura tutar', 'fis tutar', 'odeme tutar'],
    currency: CURRENCY,
    date: ['tarih', 'odeme tarih', 'belge tarih', 'fis tarih', 'fatura tarih', 'dekont tarih'],
    category: ['kategori', 'hesap', 'hesap ad', 'gider kategori', 'gelir gider kategori', 'hesap kategori', 'butce kategori', 'gider tur', 'gelir tur'],
    counterparty: ['cari', 'cari ad', 'cari unvan', 'cari hesap', 'cari hesap ad', 'karsi taraf', 'firma', 'firma ad', 'firma unvan', 'unvan', 'gonderen', 'karsi taraf ad', 'kisi firma'],
    description: ['aciklama', 'not', 'fatura aciklama', 'belge aciklama', 'fis aciklama'],
    status: [...STATUS, 'onay durum', 'odeme durum'],
  },
};

/** Value kinds a column's cells can show (headers.ts columnEvidence). */
export type ValueKind = 'nationalId' | 'phone' | 'date' | 'email' | 'number';

/**
 * Headers too vague to name a field alone ("No", "İletişim") that the column's values may settle:
 * "No" over checksum-valid 11-digit numbers is the national ID, "İletişim" over mobiles the phone.
 */
export const VALUE_SETTLED: Record<CollectionName, { words: string; field: string; kind: ValueKind }[]> = {
  beneficiaries: [
    { words: 'no', field: 'nationalId', kind: 'nationalId' },
    { words: 'iletisim', field: 'phone', kind: 'phone' },
    { words: 'iletisim no', field: 'phone', kind: 'phone' },
    { words: 'iletisim', field: 'email', kind: 'email' },
  ],
  donations: [
    { words: 'iletisim', field: 'donorPhone', kind: 'phone' },
    { words: 'iletisim no', field: 'donorPhone', kind: 'phone' },
    { words: 'iletisim', field: 'donorEmail', kind: 'email' },
  ],
  financeRecords: [],
};
