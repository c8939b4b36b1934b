import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { spawnRehearsal, type RehearsalProcess } from '../../live/rehearsal/spawn';
import { main } from './main';

const runExport = (argv: string[], io: Parameters<typeof main>[1]) => main(['export', ...argv], io);

let memory: RehearsalProcess | undefined;
afterEach(async () => {
  await memory?.stop();
  memory = undefined;
});

function io(cwd: string) {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      workDir: cwd,
      env: {},
      // One demo deployment for the commands of a test that started one (else each starts its own).
      memory,
      stdout: { write: (s: string) => (out.stdout += s) },
      stderr: { write: (s: string) => (out.stderr += s) },
    },
  };
}

describe('kafkasder export', () => {
  test('exports the memory demo data to a relative --out path and exits 0; --anonymised leaves out direct identifiers', async () => {
    memory = await spawnRehearsal({ demo: true });
    const dir = mkdtempSync(join(tmpdir(), 'cli-export-'));
    const { out, io: cli } = io(dir);
    const code = await runExport(
      ['--collection', 'donations', '--from', '2025-02-01', '--to', '2025-03-31', '--status', 'tamamlandi', '--format', 'excel-tr', '--out', 'bagis.csv', '--backend', 'memory'],
      cli,
    );
    expect(out.stderr).toBe('');
    expect(code).toBe(0);
    expect(out.stdout).toBe(`3 kayıt yazıldı: ${join(dir, 'bagis.csv')}\n`);
    const lines = readFileSync(join(dir, 'bagis.csv'), 'utf8').split('\r\n');
    expect(lines[0]!.startsWith('\uFEFFMakbuz No;')).toBe(true);
    expect(lines.slice(1, 4).map((l) => l.split(';')[0])).toEqual(['MK-2025-0002', 'MK-2025-0003', 'MK-2025-0004']);

    // For statistics: no name, TC Kimlik No, phone, e-mail, IBAN or address; birth dates as years.
    const plain = io(dir);
    expect(await runExport(['--collection', 'beneficiaries', '--format', 'json', '--out', 'tam.json', '--backend', 'memory'], plain.io)).toBe(0);
    const anon = io(dir);
    expect(await runExport(['--collection', 'beneficiaries', '--format', 'json', '--anonymised', '--out', 'anonim.json', '--backend', 'memory'], anon.io)).toBe(0);
    expect(anon.out.stderr).toBe('');
    const full = JSON.parse(readFileSync(join(dir, 'tam.json'), 'utf8')) as Record<string, unknown>[];
    const rows = JSON.parse(readFileSync(join(dir, 'anonim.json'), 'utf8')) as Record<string, unknown>[];
    expect(rows.length).toBe(full.length);
    expect(rows.length).toBeGreaterThan(0);
    const keys = new Set(rows.flatMap((r) => Object.keys(r)));
    for (const identifier of ['fullName', 'nationalId', 'phone', 'email', 'iban', 'address']) expect(keys.has(identifier)).toBe(false);
    expect(full.some((r) => typeof r.fullName === 'string')).toBe(true);
    const births = rows.map((r) => r.birthDate).filter((b) => b !== undefined && b !== null && b !== '');
    expect(births.length).toBeGreaterThan(0);
    for (const b of births) expect(String(b)).toMatch(/^\d{4}$/);
    const text = readFileSync(join(dir, 'anonim.json'), 'utf8');
    expect(text).not.toMatch(/\b\d{11}\b/);
    expect(text).not.toContain('Mehmet Demir');
  });

  test('fails with exit 2 and a Turkish message by default, English with --lang en', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-export-'));
    const tr = io(dir);
    expect(await runExport(['--collection', 'donations', '--out', 'x.csv', '--format', 'pdf', '--backend', 'memory'], tr.io)).toBe(2);
    expect(tr.out.stderr).toMatch(/^Geçersiz argümanlar: --format/);
    const en = io(dir);
    expect(await runExport(['--collection', 'donations', '--out', 'x.csv', '--lang', 'en'], en.io)).toBe(2);
    expect(en.out.stderr).toBe('No backend: pass --backend URL or --backend memory\n');
    const missing = io(dir);
    expect(await runExport(['--collection', 'donations', '--out', join(dir, 'yok', 'x.csv'), '--backend', 'memory'], missing.io)).toBe(2);
    expect(missing.out.stderr).toMatch(/^Klasör bulunamadı: /);
    const unknown = io(dir);
    expect(await runExport(['--collection', 'donations', '--bogus'], unknown.io)).toBe(2);
    expect(unknown.out.stderr).toContain('Kullanım: kafkasder export');
    expect(readdirSync(dir)).toEqual([]);
    expect(existsSync(join(dir, 'x.csv'))).toBe(false);
  });
});
