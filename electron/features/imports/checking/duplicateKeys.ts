// Duplicates within one file, found in file order by the check, the dry run and the run alike: a
// natural key seen on an earlier row (an error), and rows that may be the same person as an earlier
// one (a warning). Kept compactly, as a million-row file has a million keys.
import {
  MATCH_NAME_FIELD,
  MATCH_RULES,
  MATCH_RULE_FIELDS,
  POSSIBLE_DUPLICATE_RULES,
  importFieldIndex,
  FOLDED,
  NAME_ORDER,
  personNameKey,
  personNameWords,
  plainPersonNameOrder,
  type CollectionName,
  type FieldError,
  type MatchRule,
  type ParsedValues,
} from '../../../../shared/domain';

/**
 * First row of each natural key; later rows with the same key are duplicates of it.
 *
 * A million-row file has a million keys, and a Map of a million short strings costs ~70 MB, so keys
 * are kept compactly: their bytes (Latin-1 code units) back to back in one pool, found through an
 * open-addressing table of key numbers. A hash match is confirmed by comparing the bytes, so the
 * answer is exact. Keys with characters beyond Latin-1 (rare for an ID or receipt number) go to
 * an ordinary Map.
 */
export class DuplicateKeys {
  private pool = new Uint8Array(1 << 16);
  private poolLength = 0;
  /** Per key number: where its bytes start (the next key's start is where they end). */
  private starts = new Int32Array(1 << 12);
  private rows = new Int32Array(1 << 12);
  private hashes = new Int32Array(1 << 12);
  private count = 0;
  /** Open addressing: key number + 1, 0 for an empty slot. */
  private slots = new Int32Array(1 << 13);
  private readonly wide = new Map<string, number>();

  constructor(private readonly keyField: string) {}

  /** Registers the key, or returns the duplicate_in_file error naming the earlier row. */
  check(key: string | undefined, rowNumber: number): FieldError | null {
    if (key === undefined) return null;
    const numeric = DuplicateKeys.numericKey(key);
    return this.duplicateError(numeric >= 0 ? this.firstRowOfNumber(numeric, rowNumber) : this.firstRowOf(key, rowNumber));
  }

  /** check() for a key already turned into its number by numericKey (a worker does that). */
  checkNumeric(value: number, rowNumber: number): FieldError | null {
    return this.duplicateError(this.firstRowOfNumber(value, rowNumber));
  }

  private duplicateError(earlier: number | undefined): FieldError | null {
    return earlier === undefined ? null : { field: this.keyField, code: 'duplicate_in_file', params: { row: earlier } };
  }

  /**
   * Digits without a leading zero (a TC Kimlik No) are their number, exactly, below 10^15; -1 for
   * any other key. Such keys are kept as numbers: compact, and cheap to pass between threads.
   */
  static numericKey(key: string): number {
    const n = key.length;
    if (n === 0 || n > 15) return -1;
    let value = 0;
    for (let i = 0; i < n; i++) {
      const d = key.charCodeAt(i) - 48;
      if (d < 0 || d > 9 || (i === 0 && d === 0 && n > 1)) return -1;
      value = value * 10 + d;
    }
    return value;
  }

  /** The row that registered the text key first; registers it for `rowNumber` when new. */
  private firstRowOf(key: string, rowNumber: number): number | undefined {
    let hash = 0x811c9dc5 | 0; // FNV-1a, kept as int32 like the stored hashes
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      if (c > 0xff) return this.wideFirstRowOf(key, rowNumber);
      hash = Math.imul(hash ^ c, 0x01000193);
    }
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot] as number;
      if (entry === 0) {
        this.insert(key, hash, rowNumber, slot);
        return undefined;
      }
      const k = entry - 1;
      if (this.hashes[k] === hash && this.sameKey(k, key)) return this.rows[k];
    }
  }

  private readonly numbers = new NumberTable();

  /** Room for about `keys` numeric keys at once (NumberTable.reserve). */
  reserve(keys: number): void {
    this.numbers.reserve(keys);
  }

  /** The row that registered the number (an integer below 2^53) first; registers it for `rowNumber` when new. */
  firstRowOfNumber(value: number, rowNumber: number): number | undefined {
    return this.numbers.firstRowOf(value, rowNumber);
  }

  private wideFirstRowOf(key: string, rowNumber: number): number | undefined {
    const earlier = this.wide.get(key);
    if (earlier === undefined) this.wide.set(key, rowNumber);
    return earlier;
  }

  private sameKey(k: number, key: string): boolean {
    const start = this.starts[k] as number;
    const end = k + 1 < this.count ? (this.starts[k + 1] as number) : this.poolLength;
    if (end - start !== key.length) return false;
    for (let i = 0; i < key.length; i++) if (this.pool[start + i] !== key.charCodeAt(i)) return false;
    return true;
  }

  private insert(key: string, hash: number, rowNumber: number, slot: number): void {
    if (this.poolLength + key.length > this.pool.length) this.pool = grow(this.pool, this.poolLength + key.length);
    if (this.count === this.starts.length) {
      this.starts = grow(this.starts, this.count + 1);
      this.rows = grow(this.rows, this.count + 1);
      this.hashes = grow(this.hashes, this.count + 1);
    }
    const k = this.count++;
    this.starts[k] = this.poolLength;
    this.rows[k] = rowNumber;
    this.hashes[k] = hash;
    for (let i = 0; i < key.length; i++) this.pool[this.poolLength++] = key.charCodeAt(i);
    this.slots[slot] = k + 1;
    if (this.count * 2 > this.slots.length) this.rehash();
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let k = 0; k < this.count; k++) {
      let slot = (this.hashes[k] as number) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = k + 1;
    }
    this.slots = slots;
  }
}

/**
 * Rows that may be the same person as an earlier row of the file (POSSIBLE_DUPLICATE_RULES: same
 * folded name and birth date, or name and phone), found in file order like DuplicateKeys. Only a
 * 53-bit hash of each rule's key is kept (about 20 bytes a key), never the rows: two different
 * keys share a hash with odds of about one in 10^4 over a million-row file, and the result is a
 * warning to look at, not a refusal.
 */
export class PossibleDuplicates {
  private readonly seen = new NumberTable();

  constructor(private readonly collection: CollectionName) {}

  /** How many keys a row has (0 for a collection without such rules). */
  static keysPerRow(collection: CollectionName): number {
    return POSSIBLE_DUPLICATE_RULES[collection]?.length ?? 0;
  }

  /**
   * Writes a parsed row's key hashes to out[at…], per rule of POSSIBLE_DUPLICATE_RULES: the hash
   * of the text two rows share when that rule takes them for one person, the rule's values and
   * then the rule's number in MATCH_RULES, between bars ("ayse yilmaz|1980-03-12|0", the name as
   * personNameKey); NO_HASH when one of the rule's fields is missing or wrong, or the name folds
   * to nothing. The text is hashed as it is read rather than built, as this runs for every row
   * of a checked file, and the name, which opens every rule's text, once.
   */
  static hashes(collection: CollectionName, row: ParsedValues, out: Float64Array, at: number): void {
    const { rules, name: nameAt, nameKey } = hashPlanOf(collection);
    // The hash state after the name: hashed at the first rule that opens with it.
    let name = NAME_UNHASHED;
    let nameA = 0;
    let nameB = 0;
    for (let r = 0; r < rules.length; r++) {
      const { keys, fields, number } = rules[r] as HashRule;
      out[at + r] = NO_HASH;
      let f = 0;
      if (nameAt >= 0 && fields[0] === nameAt) {
        if (name === NAME_UNHASHED) {
          hashStart();
          name = usableValue(row, nameAt, nameKey) && hashName(String(row.values[nameAt])) ? NAME_HASHED : NO_NAME;
          nameA = hashA;
          nameB = hashB;
        }
        if (name === NO_NAME) continue;
        hashA = nameA;
        hashB = nameB;
        f = 1;
      } else hashStart();
      for (; f < fields.length; f++) {
        const field = fields[f] as number;
        if (!usableValue(row, field, keys[f] as string)) break;
        if (f > 0) hashUnit(PIPE);
        hashText(field === nameAt ? personNameKey(String(row.values[field])) : String(row.values[field]));
      }
      if (f < fields.length) continue;
      hashUnit(PIPE);
      hashUnit(DIGIT_0 + number);
      out[at + r] = hashEnd();
    }
  }

  /** Registers `keysPerRow` hashes from hashes[at…] for a row; the warning naming the earlier row, or null. */
  check(hashes: ArrayLike<number>, at: number, rowNumber: number, sameKeyAsEarlier: boolean): FieldError | null {
    const rules = POSSIBLE_DUPLICATE_RULES[this.collection] ?? [];
    let found: FieldError | null = null;
    for (let r = 0; r < rules.length; r++) {
      const hash = hashes[at + r] as number;
      if (hash === NO_HASH) continue;
      const earlier = this.seen.firstRowOf(hash, rowNumber);
      // A row that repeats an earlier row's natural key is already an error: no second word on it.
      if (earlier !== undefined && found === null && !sameKeyAsEarlier) {
        found = { field: MATCH_NAME_FIELD[this.collection] ?? '', code: 'possible_duplicate', params: { row: earlier, rule: rules[r] as string } };
      }
    }
    return found;
  }

  /** check() for a parsed row (the dry run, which reads the rows itself). */
  checkRow(row: ParsedValues, rowNumber: number, sameKeyAsEarlier: boolean): FieldError | null {
    const n = PossibleDuplicates.keysPerRow(this.collection);
    if (n === 0) return null;
    const hashes = new Float64Array(n);
    PossibleDuplicates.hashes(this.collection, row, hashes, 0);
    return this.check(hashes, 0, rowNumber, sameKeyAsEarlier);
  }
}

/**
 * PossibleDuplicates for a whole checked file, found once its last row is in. Looking each key up
 * as its row comes costs a cache miss a key in a table the size of the file's keys (0.3-0.6 s of
 * CPU in a 1M-row check, two keys a row). Here each key is put, as its row comes, into one of
 * partitions small enough for the CPU's cache (by its hash), where it follows the earlier keys of
 * that partition in file order; at the end each partition's keys are looked up in a table of
 * their own, one partition after another. The same warnings as PossibleDuplicates.check would
 * give row by row, given at the end, in file order.
 */
export class FileDuplicateHashes {
  private readonly rules: readonly MatchRule[];
  private readonly perRow: number;
  /** Partitions: 2^bits, chosen by the first reserve() from the keys expected. */
  private bits = 0;
  /** Keys in blocks of BLOCK_KEYS: each key's hash, and which key of which row it is (row index × perRow + rule). */
  private hashes = new Float64Array(0);
  private from = new Int32Array(0);
  private blocks = 0;
  /** Per block, the next block of its partition (-1: none). */
  private nextBlock = new Int32Array(0);
  /** Per partition: its first and last block (-1: none yet), and its key count. */
  private firstBlock = new Int32Array(1).fill(-1);
  private lastBlock = new Int32Array(1).fill(-1);
  private sizes = new Int32Array(1);
  /** Per row, its row number. */
  private rows = new Int32Array(0);
  /** Per row: its natural key repeats an earlier row's (it gets no warning: it is an error already). */
  private sameKey = new Uint8Array(0);
  private count = 0;

  constructor(collection: CollectionName) {
    this.rules = POSSIBLE_DUPLICATE_RULES[collection] ?? [];
    this.perRow = this.rules.length;
  }

  /**
   * Room for about `rows` rows at once; before the first row, also as many partitions as keep a
   * partition of that many rows' keys in the CPU's cache (later, partitions only grow larger).
   */
  reserve(rows: number): void {
    if (this.perRow === 0) return;
    if (this.count === 0) {
      this.bits = Math.min(MAX_PARTITION_BITS, Math.max(0, Math.ceil(Math.log2((rows * this.perRow) / PARTITION_KEYS))));
      const parts = 2 ** this.bits;
      this.firstBlock = new Int32Array(parts).fill(-1);
      this.lastBlock = new Int32Array(parts).fill(-1);
      this.sizes = new Int32Array(parts);
    }
    if (rows > this.rows.length) this.resizeRows(rows);
    // Every partition's last block is part full: room for those too.
    const blocks = Math.ceil((rows * this.perRow) / BLOCK_KEYS) + 2 ** this.bits;
    if (blocks > this.nextBlock.length) this.resizeBlocks(blocks);
  }

  /** Adds a batch's rows, in file order: PossibleDuplicates.hashes for each, their row numbers, and which repeat an earlier natural key. */
  add(hashes: Float64Array, rowNumbers: ArrayLike<number>, sameKeyAsEarlier: ReadonlyMap<number, unknown>): void {
    const { perRow } = this;
    if (perRow === 0) return;
    const n = rowNumbers.length;
    if (this.count + n > this.rows.length) this.resizeRows(Math.max(this.count + n, this.rows.length * 2));
    for (let i = 0; i < n; i++) this.rows[this.count + i] = rowNumbers[i] as number;
    for (const i of sameKeyAsEarlier.keys()) this.sameKey[this.count + i] = 1;
    const shift = HIGH_LANE_BITS - this.bits;
    const base = this.count * perRow;
    for (let e = 0; e < n * perRow; e++) {
      const h = hashes[e] as number;
      if (h === NO_HASH) continue;
      const p = this.bits === 0 ? 0 : highLane(h) >>> shift;
      let block = this.lastBlock[p] as number;
      const used = this.sizes[p]! % BLOCK_KEYS;
      if (used === 0) {
        // The partition's first key, or its last block is full: a new block at its end.
        if (this.blocks === this.nextBlock.length) this.resizeBlocks(this.blocks * 2 + 2 ** this.bits);
        const fresh = this.blocks++;
        this.nextBlock[fresh] = -1;
        if (block < 0) this.firstBlock[p] = fresh;
        else this.nextBlock[block] = fresh;
        this.lastBlock[p] = block = fresh;
      }
      const at = block * BLOCK_KEYS + used;
      this.hashes[at] = h;
      this.from[at] = base + e;
      this.sizes[p]!++;
    }
    this.count += n;
  }

  /**
   * Calls `warn` for every row that may be the same person as an earlier one, in file order
   * (PossibleDuplicates.check's warning). Once: the keys are let go.
   */
  resolve(warn: (rowNumber: number, earlierRow: number, rule: MatchRule) => void): void {
    const { perRow, count, hashes, from, nextBlock, firstBlock, sizes, rows, sameKey } = this;
    this.hashes = new Float64Array(0);
    this.from = new Int32Array(0);
    this.nextBlock = new Int32Array(0);
    this.rows = new Int32Array(0);
    this.sameKey = new Uint8Array(0);
    this.count = 0;
    this.blocks = 0;
    if (count === 0) return;
    // Per row: the first rule (in rule order) that finds an earlier row, and that row.
    const rule = new Uint8Array(count).fill(NO_RULE);
    const earlier = new Int32Array(count);
    let largest = 0;
    for (let p = 0; p < sizes.length; p++) largest = Math.max(largest, sizes[p] as number);
    const slots = new Float64Array(2 ** Math.ceil(Math.log2(Math.max(2, largest * 2))));
    const firsts = new Int32Array(slots.length);
    for (let p = 0; p < sizes.length; p++) {
      // A table twice the partition's size, cleared for it; a partition's keys come in file order,
      // so the first of each key to come is its first row.
      const mask = 2 ** Math.ceil(Math.log2(Math.max(2, (sizes[p] as number) * 2))) - 1;
      slots.fill(0, 0, mask + 1);
      let left = sizes[p] as number;
      for (let block = firstBlock[p] as number; block >= 0; block = nextBlock[block] as number) {
        const end = block * BLOCK_KEYS + Math.min(left, BLOCK_KEYS);
        left -= BLOCK_KEYS;
        for (let k = block * BLOCK_KEYS; k < end; k++) {
          const h = hashes[k] as number;
          const stored = h + 1;
          // The low lane picks the slot: the high lane picked the partition.
          let slot = (h >>> 0) & mask;
          while (slots[slot] !== 0 && slots[slot] !== stored) slot = (slot + 1) & mask;
          const e = from[k] as number;
          if (slots[slot] === 0) {
            slots[slot] = stored;
            firsts[slot] = e;
            continue;
          }
          const row = Math.floor(e / perRow);
          const r = e - row * perRow;
          if (r < (rule[row] as number)) {
            rule[row] = r;
            earlier[row] = rows[Math.floor((firsts[slot] as number) / perRow)] as number;
          }
        }
      }
    }
    this.sizes.fill(0);
    this.firstBlock.fill(-1);
    this.lastBlock.fill(-1);
    for (let i = 0; i < count; i++) {
      if (rule[i] === NO_RULE || sameKey[i] === 1) continue;
      warn(rows[i] as number, earlier[i] as number, this.rules[rule[i] as number] as MatchRule);
    }
  }

  private resizeRows(rows: number): void {
    const numbers = new Int32Array(rows);
    numbers.set(this.rows.subarray(0, this.count));
    const sameKey = new Uint8Array(rows);
    sameKey.set(this.sameKey.subarray(0, this.count));
    this.rows = numbers;
    this.sameKey = sameKey;
  }

  private resizeBlocks(blocks: number): void {
    const hashes = new Float64Array(blocks * BLOCK_KEYS);
    hashes.set(this.hashes.subarray(0, this.blocks * BLOCK_KEYS));
    const from = new Int32Array(blocks * BLOCK_KEYS);
    from.set(this.from.subarray(0, this.blocks * BLOCK_KEYS));
    const nextBlock = new Int32Array(blocks);
    nextBlock.set(this.nextBlock.subarray(0, this.blocks));
    this.hashes = hashes;
    this.from = from;
    this.nextBlock = nextBlock;
  }
}

/**
 * A key hash (hashEnd) is two FNV lanes: its low 32 bits one, the 21 bits above them the other.
 * The high lane picks a key's partition, the low one its slot in the partition's table: already
 * mixed, they need no mixHash (two million keys go through each).
 */
const HIGH_LANE_BITS = 21;
const highLane = (h: number): number => Math.floor(h / 4294967296);

/** Keys a partition is meant to hold: its table (twice that many slots, 12 bytes each) stays in the CPU's cache. */
const PARTITION_KEYS = 4096;
/** At most 2^12 partitions: their last blocks, being filled, stay in the cache too. */
const MAX_PARTITION_BITS = 12;
/** Keys per block of a partition's chain. */
const BLOCK_KEYS = 256;

const NO_RULE = 255;

/** No key for a rule in that row. */
export const NO_HASH = -1;

const NAME_UNHASHED = 0;
const NAME_HASHED = 1;
const NO_NAME = 2;

/** A field a key may take (`at` its index in importFields): there, not empty, and without an error. */
function usableValue({ values, errors }: ParsedValues, at: number, field: string): boolean {
  const v = at < 0 ? undefined : values[at];
  if (v === undefined || v === '') return false;
  for (let e = 0; e < errors.length; e++) if ((errors[e] as FieldError).field === field) return false;
  return true;
}

/** A rule of POSSIBLE_DUPLICATE_RULES as hashes() reads it: its fields' keys and indexes in importFields, and its number in MATCH_RULES. */
interface HashRule {
  keys: readonly string[];
  fields: number[];
  number: number;
}

interface HashPlan {
  rules: HashRule[];
  /** The name field's key and index in importFields (-1: none). */
  nameKey: string;
  name: number;
}

const hashPlans = new Map<CollectionName, HashPlan>();

function hashPlanOf(collection: CollectionName): HashPlan {
  let plan = hashPlans.get(collection);
  if (!plan) {
    const nameKey = MATCH_NAME_FIELD[collection] ?? '';
    plan = {
      rules: (POSSIBLE_DUPLICATE_RULES[collection] ?? []).map((rule) => ({
        keys: MATCH_RULE_FIELDS[rule],
        fields: MATCH_RULE_FIELDS[rule].map((f) => importFieldIndex(collection, f)),
        number: MATCH_RULES.indexOf(rule),
      })),
      nameKey,
      name: nameKey ? importFieldIndex(collection, nameKey) : -1,
    };
    hashPlans.set(collection, plan);
  }
  return plan;
}

// The key hash: two 32-bit FNV-1a hashes of the text's UTF-16 code units (different offsets),
// folded into an integer below 2^53; fed piece by piece (hashStart, hashText/hashUnit, hashEnd).
let hashA = 0;
let hashB = 0;
const PIPE = 0x7c;
const DIGIT_0 = 0x30;
const SPACE = 0x20;

function hashStart(): void {
  hashA = 0x811c9dc5 | 0;
  hashB = 0x050c5d1f | 0;
}

function hashUnit(c: number): void {
  hashA = Math.imul(hashA ^ c, 0x01000193);
  hashB = Math.imul(hashB ^ c, 0x01000193);
  hashB ^= hashB >>> 15;
}

function hashText(s: string): void {
  // hashUnit's steps on locals: the module's variables would be loaded and stored at every unit.
  let a = hashA;
  let b = hashB;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193);
    b ^= b >>> 15;
  }
  hashA = a;
  hashB = b;
}

/** hashText for the code units codes[from…to). */
function hashCodes(codes: Uint8Array, from: number, to: number): void {
  let a = hashA;
  let b = hashB;
  for (let i = from; i < to; i++) {
    const c = codes[i] as number;
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193);
    b ^= b >>> 15;
  }
  hashA = a;
  hashB = b;
}

/** Hashes personNameKey(name)'s text; false when the name folds to no word. */
function hashName(name: string): boolean {
  const count = plainPersonNameOrder(name);
  if (count < 0) {
    const words = personNameWords(name);
    for (let w = 0; w < words.length; w++) {
      if (w > 0) hashUnit(SPACE);
      hashText(words[w] as string);
    }
    return words.length > 0;
  }
  // Plain text (nearly every name): its folded words' code units, as they lie in FOLDED.
  const { codes, bounds } = FOLDED;
  for (let k = 0; k < count; k++) {
    if (k > 0) hashUnit(SPACE);
    const w = NAME_ORDER.words[k] as number;
    hashCodes(codes, bounds[w] as number, bounds[w + 1] as number);
  }
  return count > 0;
}

function hashEnd(): number {
  return (hashA >>> 0) + (hashB & 0x1fffff) * 4294967296;
}

/**
 * Integers below 2^53 (TC Kimlik numbers, key hashes) and the row that registered each first: an
 * open-addressing table holding each number in its slot (as number + 1, 0 for an empty slot), its
 * row in a second array at the same index. A million-row file's tables are far larger than the
 * CPU's caches, so a lookup costs its cache misses: here one to find the number or the empty slot
 * (an index of key numbers beside the keys took two or three). Sized to the count (not to a power
 * of two), at most 3/4 full: 12 bytes a slot, 16 a key.
 */
class NumberTable {
  private keys = new Float64Array(1 << 12);
  private rows = new Int32Array(1 << 12);
  private count = 0;

  /**
   * Sizes the table for about `keys` keys at once: growing it step by step would hold the old and
   * the new arrays together at each step (measured: +15 MB peak over a 1M-row file).
   */
  reserve(keys: number): void {
    const size = Math.ceil(keys / MAX_NUMBER_LOAD) + 1;
    if (size > this.keys.length) this.resize(size);
  }

  firstRowOf(value: number, rowNumber: number): number | undefined {
    const keys = this.keys;
    const size = keys.length;
    const stored = value + 1;
    for (let slot = (mixHash(value) >>> 0) % size; ; ) {
      const entry = keys[slot] as number;
      if (entry === stored) return this.rows[slot];
      if (entry === 0) {
        keys[slot] = stored;
        this.rows[slot] = rowNumber;
        if (++this.count > size * MAX_NUMBER_LOAD) this.resize(size * 2);
        return undefined;
      }
      if (++slot === size) slot = 0;
    }
  }

  private resize(size: number): void {
    const { keys, rows } = this;
    this.keys = new Float64Array(size);
    this.rows = new Int32Array(size);
    for (let slot = 0; slot < keys.length; slot++) {
      const stored = keys[slot] as number;
      if (stored === 0) continue;
      let t = (mixHash(stored - 1) >>> 0) % size;
      while (this.keys[t] !== 0) if (++t === size) t = 0;
      this.keys[t] = stored;
      this.rows[t] = rows[slot] as number;
    }
  }
}

const MAX_NUMBER_LOAD = 0.75;

/** A 32-bit hash of an integer below 2^53 (both halves mixed, murmur3's finaliser). */
function mixHash(value: number): number {
  const high = Math.floor(value / 4294967296);
  let h = (value - high * 4294967296) ^ Math.imul(high, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

function grow<T extends Uint8Array | Int32Array | Float64Array>(a: T, atLeast: number): T {
  let size = a.length * 2;
  while (size < atLeast) size *= 2;
  const next = new (a.constructor as new (n: number) => T)(size);
  next.set(a);
  return next;
}
