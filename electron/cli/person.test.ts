// `kafkasder person export` in-process against a demo rehearsal backend started here (CliIo.memory
// keeps the deployment, so the audit entry the export wrote can be read afterwards).
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { api } from '../../convex/_generated/api';
import { AuthSession, memoryTokenStore } from '../core/session/authSession';
import { ConvexGateway } from '../core/backend/convexGateway';
import { spawnRehearsal, type RehearsalProcess } from '../../live/rehearsal/spawn';
import type { CoreServices } from '../core/services';
import { createDispatch, type HandlerTable } from '../core/dispatch';
import { createKvkkFeature } from '../features/kvkk/kvkkFeature';
import { main } from './main';
import { signInDemo } from './signIn';

let memory: RehearsalProcess | undefined;
afterEach(async () => {
  await memory?.stop();
  memory = undefined;
});

function cliIo(dir: string) {
  const out = { stdout: '', stderr: '' };
  const io = { workDir: dir, env: {}, memory, stdout: { write: (s: string) => (out.stdout += s) }, stderr: { write: (s: string) => (out.stderr += s) } };
  return { out, run: (argv: string[]) => main(argv, io) };
}

describe('kafkasder person export', () => {
  test('writes an owner-only JSON file with the person and every section and a readable HTML page beside it, and the export is audited (from the app too, by its request); after an erasure it finds nothing', async () => {
    memory = await spawnRehearsal({ demo: true });
    const dir = mkdtempSync(join(tmpdir(), 'cli-person-'));
    const { out, run } = cliIo(dir);
    const code = await run(['person', 'export', '--national-id', '17291716060', '--out', 'p.json', '--backend', 'memory', '--json']);
    expect(out.stderr).toBe('');
    expect(code).toBe(0);
    const file = join(dir, 'p.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown[]> & { nationalId: string };
    expect(data.nationalId).toBe('17291716060');
    expect((data.beneficiaries as { fullName: string }[]).map((b) => b.fullName)).toEqual(['Mehmet Demir']);
    for (const section of ['donations', 'consents', 'messages', 'history', 'views', 'requests']) expect(Array.isArray(data[section])).toBe(true);
    expect(JSON.parse(out.stdout)).toMatchObject({ file, htmlFile: join(dir, 'p.html'), counts: { beneficiaries: 1 } });
    expect(readdirSync(dir).sort()).toEqual(['p.html', 'p.json']);
    // The readable page beside it: owner-only too, Turkish (the CLI's default language).
    expect(statSync(join(dir, 'p.html')).mode & 0o777).toBe(0o600);
    const html = readFileSync(join(dir, 'p.html'), 'utf8');
    expect(html).toContain('<h1>Kişisel veri erişim raporu</h1>');
    expect(html).toContain('<td>Mehmet Demir</td>');

    const gateway = new ConvexGateway(memory.url);
    const session = new AuthSession(gateway, memoryTokenStore());
    await signInDemo(memory.demoAccounts, session);
    const audit = await gateway.query(api.audit.list, { paginationOpts: { cursor: null, numItems: 50 } });
    expect(audit.page.filter((e) => e.action === 'person_export').map((e) => e.summary as { via: string })).toEqual([expect.objectContaining({ via: 'cli' })]);

    // Erased through the KVKK desk's channels (the core's dispatch, inputs checked by the contract),
    // the same export then finds no record of them.
    const dataDir = mkdtempSync(join(tmpdir(), 'app-person-'));
    const offered: string[] = [];
    const files = { resolve: () => undefined, offerDownload: (path: string) => (offered.push(path), `dl-${offered.length}`) };
    const dispatch = createDispatch(createKvkkFeature({ gateway, host: 'web', dataDir, files } as unknown as CoreServices).handlers as HandlerTable);
    const desk = async (channel: string, input: unknown): Promise<unknown> => {
      const reply = await dispatch(channel, input);
      if (!reply.ok) throw new Error(`${channel}: ${reply.error.message}`);
      return reply.value;
    };
    const me = await gateway.query(api.users.me, {});
    const intake = { subjectName: 'Mehmet Demir', subjectNationalId: '17291716060', type: 'erasure', channel: 'paper', receivedAt: Date.now() - 60_000, identityCheck: 'Nüfus cüzdanı', assigneeId: me.id };
    const { id: requestId } = (await desk('createDataRequest', intake)) as { id: string };
    // The app's access export from the request's page (web mode: no save dialog, both files offered
    // as downloads), in English as the UI was; audited with the request.
    const fromApp = (await desk('exportPerson', { nationalId: '17291716060', requestId, lang: 'en' })) as { file: string; htmlFile: string; downloadId: string; htmlDownloadId: string };
    expect(fromApp).toMatchObject({ downloadId: 'dl-1', htmlDownloadId: 'dl-2' });
    expect(offered).toEqual([fromApp.file, fromApp.htmlFile]);
    expect(fromApp.htmlFile).toBe(fromApp.file.replace(/\.json$/, '.html'));
    for (const written of offered) expect(statSync(written).mode & 0o777).toBe(0o600);
    expect(readFileSync(fromApp.htmlFile, 'utf8')).toContain('<h1>Personal data access report</h1>');
    const audited = await gateway.query(api.audit.list, { paginationOpts: { cursor: null, numItems: 50 } });
    expect(audited.page.filter((e) => e.action === 'person_export').map((e) => e.summary as object)).toContainEqual(expect.objectContaining({ via: 'app', requestId }));
    const preview = (await desk('erasurePreview', { requestId })) as { sections: { table: string; count: number | null }[] };
    expect(preview.sections).toContainEqual(expect.objectContaining({ table: 'beneficiaries', method: 'delete', count: 1 }));
    await expect(desk('startErasure', { requestId, reason: 'KVKK m.7 silme talebi', confirm: '10000000146' })).rejects.toThrow(/confirm/);
    await desk('startErasure', { requestId, reason: 'KVKK m.7 silme talebi', confirm: '17291716060' });
    type Progress = { status: string; counts: Record<string, number> } | null;
    const progressOf = async () => (await desk('erasureProgress', { requestId })) as Progress;
    let progress = await progressOf();
    for (let i = 0; i < 100 && progress?.status !== 'done'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      progress = await progressOf();
    }
    expect(progress).toMatchObject({ status: 'done', counts: { beneficiaries: 1 } });
    await session.close();
    await gateway.close();
    expect(await run(['person', 'export', '--national-id', '17291716060', '--out', 'after.json', '--backend', 'memory', '--json'])).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'after.json'), 'utf8'))).toMatchObject({ beneficiaries: [], donations: [], consents: [] });
  });

  test('refuses an invalid TC Kimlik No before connecting (exit 2, Turkish by default)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-person-'));
    const { out, run } = cliIo(dir);
    expect(await run(['person', 'export', '--national-id', '12345678901', '--out', 'p.json', '--backend', 'memory'])).toBe(2);
    expect(out.stderr).toBe('--national-id geçerli bir TC Kimlik No olmalı\n');
    expect(readdirSync(dir)).toEqual([]);
  });
});
