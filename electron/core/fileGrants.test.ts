// Paths are handed out by the host: the renderer holds ids, each good for what it was given for.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppFeature } from '../features/app/appFeature';
import { createDispatch, type HandlerTable } from './dispatch';
import type { JobRunner } from './jobRunner';
import { FileGrants } from './fileGrants';
import type { CoreServices } from './services';

const dir = mkdtempSync(join(tmpdir(), 'grants-'));
const source = join(dir, 'liste.csv');
writeFileSync(source, 'Ad Soyad;TC Kimlik No\r\n');

describe('FileGrants', () => {
  it('hands out an id for a chosen file and resolves it only for the uses it was given for', () => {
    const files = new FileGrants();
    const { fileId, name } = files.grantChosen(source);
    expect(fileId).toMatch(/^file:[0-9a-f-]{36}$/);
    expect(name).toBe('liste.csv');
    expect(files.resolve(fileId)).toEqual({ path: source, name: 'liste.csv' });
    expect(files.resolve(fileId, 'reveal')?.path).toBe(source);
    expect(files.resolve(fileId, 'write')).toBeUndefined();
    // A path, or an id this host never handed out, is nothing.
    expect(files.resolve(source)).toBeUndefined();
    expect(files.resolve('file:00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });

  it('refuses to grant anything but an existing regular file with an absolute path', () => {
    const files = new FileGrants();
    for (const raw of ['', 'liste.csv', '../liste.csv', dir, join(dir, 'yok.csv'), 42, null, 'x'.repeat(5000)]) {
      expect(() => files.grantChosen(raw), String(raw).slice(0, 40)).toThrow(expect.objectContaining({ code: 'file_refused' }));
    }
  });

  it('lets an export target be written before it exists, but reads and reveals only existing files', () => {
    const files = new FileGrants();
    const target = join(dir, 'disa-aktarim.csv');
    const id = files.grant(target, ['write', 'reveal']);
    expect(files.resolve(id, 'write')?.path).toBe(target);
    expect(files.resolve(id, 'reveal')).toBeUndefined();
    writeFileSync(target, 'x');
    expect(files.resolve(id, 'reveal')?.path).toBe(target);
  });
});

describe('host channels take ids, never paths', () => {
  const setup = () => {
    const files = new FileGrants();
    const revealed: string[] = [];
    const svc = {
      files,
      hostCapabilities: { pickSavePath: async () => join(dir, 'kayit.csv'), revealFile: (path: string) => void revealed.push(path) },
    } as unknown as CoreServices;
    const dispatch = createDispatch(createAppFeature(svc, {} as JobRunner).handlers as unknown as HandlerTable);
    return { files, revealed, dispatch };
  };

  it('pickSavePath answers with a write id (and the path only as text); revealFile shows a granted file', async () => {
    const { files, revealed, dispatch } = setup();
    const picked = await dispatch('pickSavePath', { defaultName: 'kayit.csv', extensions: ['csv'] });
    expect(picked).toMatchObject({ ok: true, value: { fileId: expect.stringMatching(/^file:/), path: join(dir, 'kayit.csv'), supported: true } });
    const fileId = (picked as { value: { fileId: string } }).value.fileId;
    expect(files.resolve(fileId, 'write')?.path).toBe(join(dir, 'kayit.csv'));

    const { fileId: sourceId } = files.grantChosen(source);
    expect(await dispatch('revealFile', { fileId: sourceId })).toEqual({ ok: true, value: { revealed: true } });
    expect(revealed).toEqual([source]);
  });

  it('refuses a raw path as invalid input and an id it did not hand out as not revealed', async () => {
    const { revealed, dispatch } = setup();
    expect(await dispatch('revealFile', { path: source })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatch('revealFile', { fileId: source })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatch('revealFile', { fileId: 'file:00000000-0000-4000-8000-000000000000' })).toEqual({ ok: true, value: { revealed: false } });
    expect(revealed).toEqual([]);
  });
});
