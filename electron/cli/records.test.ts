// `kafkasder records show|history` in-process against a demo rehearsal backend (one deployment
// shared with the test through CliIo.memory, as importCommands.test.ts does): the record's fields in display
// formats, its history after an edit, and the refusals.
import { afterEach, describe, expect, it } from 'vitest';
import { api } from '../../convex/_generated/api';
import { demoData } from '../../convex/demo';
import { AuthSession, memoryTokenStore } from '../core/session/authSession';
import { ConvexGateway } from '../core/backend/convexGateway';
import { spawnRehearsal, type RehearsalProcess } from '../../live/rehearsal/spawn';
import { tempDir } from '../features/imports/importer.test-util';
import { main } from './main';
import { signInDemo } from './signIn';

const fatma = demoData.beneficiaries.find((b) => b.fullName === 'Fatma Şahin')!;
const TC = String(fatma.nationalId);

let memory: RehearsalProcess;
afterEach(async () => {
  await memory?.stop();
});

function cliIo() {
  const out = { stdout: '', stderr: '' };
  const io = {
    workDir: tempDir('kafkasder-records-'),
    env: {},
    memory,
    stdout: { write: (s: string) => (out.stdout += s) },
    stderr: { write: (s: string) => (out.stderr += s) },
  };
  return { out, run: (argv: string[]) => main(argv, io) };
}

/** The demo administrator corrects Fatma Şahin's phone through records.update, as the page does. */
async function editPhone(phone: string) {
  const gateway = new ConvexGateway(memory.url);
  const session = new AuthSession(gateway, memoryTokenStore());
  await signInDemo(memory.demoAccounts, session);
  try {
    const { id } = (await gateway.mutation(api.records.findByKey, { collection: 'beneficiaries', key: TC }))!;
    const opened = await gateway.mutation(api.records.open, { collection: 'beneficiaries', id });
    if (opened?.state !== 'live') throw new Error('not live');
    const saved = await gateway.mutation(api.records.update, { collection: 'beneficiaries', id, values: { phone }, expectedUpdatedAt: Number(opened.record.updatedAt) });
    expect(saved.ok).toBe(true);
  } finally {
    await session.close();
    await gateway.close();
  }
}

describe('kafkasder records', { timeout: 60_000 }, () => {
  it('show: every field the role may see, in display formats, in Turkish and English; --json gives the stored record', async () => {
    memory = await spawnRehearsal({ demo: true });
    const tr = cliIo();
    expect(await tr.run(['records', 'show', 'beneficiaries', '--key', TC, '--backend', 'memory'])).toBe(0);
    expect(tr.out.stderr).toBe('');
    expect(tr.out.stdout).toContain('Ad Soyad: Fatma Şahin\n');
    expect(tr.out.stdout).toContain(`TC Kimlik No: ${TC}\n`);
    expect(tr.out.stdout).toContain('Telefon: 0500 000 00 03\n');
    expect(tr.out.stdout).toContain('Doğum Tarihi: 02.03.1948\n');
    expect(tr.out.stdout).toContain('Aylık Gelir: 6.500,00 ₺\n');
    expect(tr.out.stdout).toContain('Kategori: Yaşlı\n');
    expect(tr.out.stdout).toContain('Bu kayıt bir içe aktarmayla yazılmadı.');

    const en = cliIo();
    expect(await en.run(['records', 'show', 'beneficiaries', '--key', TC, '--backend', 'memory', '--lang', 'en'])).toBe(0);
    expect(en.out.stdout).toContain('Date of birth: 02.03.1948\n');
    expect(en.out.stdout).toContain('No import wrote this record.');

    const json = cliIo();
    expect(await json.run(['records', 'show', 'beneficiaries', '--key', TC, '--backend', 'memory', '--json'])).toBe(0);
    const shown = JSON.parse(json.out.stdout) as { collection: string; state: string; record: Record<string, unknown> };
    expect(shown).toMatchObject({ collection: 'beneficiaries', state: 'live', record: { fullName: 'Fatma Şahin', phone: '+905000000003', birthDate: '1948-03-02' } });
  });

  it('history: the edit newest first with who and before → after; --json and --limit', async () => {
    memory = await spawnRehearsal({ demo: true });
    const none = cliIo();
    expect(await none.run(['records', 'history', 'beneficiaries', '--key', TC, '--backend', 'memory'])).toBe(0);
    expect(none.out.stdout).toBe('Geçmiş kaydı yok\n');

    await editPhone('+905327654321');
    await editPhone('+905327654322');
    const tr = cliIo();
    expect(await tr.run(['records', 'history', 'beneficiaries', '--key', TC, '--backend', 'memory'])).toBe(0);
    const lines = tr.out.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2} · Ayşe Yılmaz · Düzenleme$/);
    expect(lines[1]).toBe('  Telefon: 0532 765 43 21 → 0532 765 43 22');
    expect(lines[3]).toBe('  Telefon: 0500 000 00 03 → 0532 765 43 21');

    const one = cliIo();
    expect(await one.run(['records', 'history', 'beneficiaries', '--key', TC, '--backend', 'memory', '--limit', '1', '--lang', 'en'])).toBe(0);
    expect(one.out.stdout).toMatch(/· Ayşe Yılmaz · Edited\n {2}Phone: 0532 765 43 21 → 0532 765 43 22\n\(older entries exist: --limit 2 or --limit 0\)\n$/);

    const json = cliIo();
    expect(await json.run(['records', 'history', 'beneficiaries', '--key', TC, '--backend', 'memory', '--json'])).toBe(0);
    const history = JSON.parse(json.out.stdout) as { entries: { kind: string; actorName: string; changes: unknown[] }[]; more: boolean };
    expect(history.more).toBe(false);
    expect(history.entries.map((e) => [e.kind, e.actorName, e.changes])).toEqual([
      ['edit', 'Ayşe Yılmaz', [{ field: 'phone', before: '+905327654321', after: '+905327654322' }]],
      ['edit', 'Ayşe Yılmaz', [{ field: 'phone', before: '+905000000003', after: '+905327654321' }]],
    ]);
  });

  it('exits 2 saying why: no such key, no --key, an unknown collection or subcommand', async () => {
    memory = await spawnRehearsal({ demo: true });
    const missing = cliIo();
    expect(await missing.run(['records', 'show', 'beneficiaries', '--key', '10000000146', '--backend', 'memory'])).toBe(2);
    expect(missing.out.stderr).toBe('10000000146 anahtarlı kayıt yok (beneficiaries)\n');
    const noKey = cliIo();
    expect(await noKey.run(['records', 'history', 'donations', '--backend', 'memory', '--lang', 'en'])).toBe(2);
    expect(noKey.out.stderr).toBe('--key is required (TC Kimlik No, receipt no. or document no.)\n');
    const badCollection = cliIo();
    expect(await badCollection.run(['records', 'show', 'people', '--key', TC, '--backend', 'memory'])).toBe(2);
    expect(badCollection.out.stderr).toContain('Bilinmeyen koleksiyon: people');
    const badSub = cliIo();
    expect(await badSub.run(['records', 'edit', 'beneficiaries', '--key', TC, '--backend', 'memory'])).toBe(2);
    expect(badSub.out.stderr).toBe('records: show ya da history (verilen: edit)\n');
  });
});
