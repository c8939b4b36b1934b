// Turkey's 81 provinces by their official names, in licence-plate order (01 Adana … 81 Düzce).
import { foldCompact, memoByString } from './text';

export const PROVINCES: readonly string[] = [
  'Adana', 'Adıyaman', 'Afyonkarahisar', 'Ağrı', 'Amasya', 'Ankara', 'Antalya', 'Artvin', 'Aydın',
  'Balıkesir', 'Bilecik', 'Bingöl', 'Bitlis', 'Bolu', 'Burdur', 'Bursa', 'Çanakkale', 'Çankırı',
  'Çorum', 'Denizli', 'Diyarbakır', 'Edirne', 'Elazığ', 'Erzincan', 'Erzurum', 'Eskişehir',
  'Gaziantep', 'Giresun', 'Gümüşhane', 'Hakkari', 'Hatay', 'Isparta', 'Mersin', 'İstanbul', 'İzmir',
  'Kars', 'Kastamonu', 'Kayseri', 'Kırklareli', 'Kırşehir', 'Kocaeli', 'Konya', 'Kütahya', 'Malatya',
  'Manisa', 'Kahramanmaraş', 'Mardin', 'Muğla', 'Muş', 'Nevşehir', 'Niğde', 'Ordu', 'Rize', 'Sakarya',
  'Samsun', 'Siirt', 'Sinop', 'Sivas', 'Tekirdağ', 'Tokat', 'Trabzon', 'Tunceli', 'Şanlıurfa', 'Uşak',
  'Van', 'Yozgat', 'Zonguldak', 'Aksaray', 'Bayburt', 'Karaman', 'Kırıkkale', 'Batman', 'Şırnak',
  'Bartın', 'Ardahan', 'Iğdır', 'Yalova', 'Karabük', 'Kilis', 'Osmaniye', 'Düzce',
];

// Everyday short or former names staff still type.
const COLLOQUIAL: Record<string, string> = {
  afyon: 'Afyonkarahisar',
  maras: 'Kahramanmaraş',
  kmaras: 'Kahramanmaraş',
  urfa: 'Şanlıurfa',
  antep: 'Gaziantep',
  icel: 'Mersin',
  izmit: 'Kocaeli',
  adapazari: 'Sakarya',
  dersim: 'Tunceli',
};

let byFolded: Map<string, string> | null = null;

function index(): Map<string, string> {
  if (!byFolded) {
    byFolded = new Map(PROVINCES.map((p) => [foldCompact(p), p]));
    for (const [k, v] of Object.entries(COLLOQUIAL)) byFolded.set(k, v);
  }
  return byFolded;
}

/** A province name typed in any case, with or without Turkish letters → official name, else null. */
export function findProvince(s: string): string | null {
  if (typeof s !== 'string') return null;
  return findCached(s);
}

// A city column repeats a few spellings; folding each cell again would dominate parsing.
const findCached = memoByString((s: string): string | null => {
  const key = foldCompact(s);
  return key ? (index().get(key) ?? null) : null;
});
