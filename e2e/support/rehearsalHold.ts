// Holds the web host's demo deployment at a known import batch (the rehearsal backend's
// /rehearsal/hold-batches), so a spec acts while a run is under way without racing it. The web
// host writes the deployment's address and admin key beside its link file for tests.
import { expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { LINK_FILE } from '../playwright.config';

const INGEST = 'imports:ingestBatch';

async function admin(path: string, method: 'GET' | 'POST'): Promise<unknown> {
  const { url, adminKey } = JSON.parse(readFileSync(`${LINK_FILE}.backend.json`, 'utf8')) as { url: string; adminKey: string };
  const res = await fetch(`${url}${path}`, { method, headers: { Authorization: `Convex ${adminKey}` } });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return await res.json();
}

/** From now on, import batches `from` and later wait at the server until released. */
export async function holdImportBatches(from: number): Promise<void> {
  await admin(`/rehearsal/hold-batches?path=${encodeURIComponent(INGEST)}&from=${from}`, 'POST');
}

/** Resolves once batch `from` (or a later one) waits at the hold and every batch before it has finished. */
export async function importHeldAt(from: number): Promise<void> {
  const state = async () => ((await admin('/rehearsal/hold-batches', 'GET')) as { hold: { waiting: number; doneBefore: number } | null }).hold;
  await expect.poll(async () => {
    const hold = await state();
    return hold !== null && hold.waiting > 0 && hold.doneBefore >= from;
  }, { timeout: 60_000 }).toBe(true);
}

export async function releaseImportBatches(): Promise<void> {
  await admin('/rehearsal/release-batches', 'POST');
}
