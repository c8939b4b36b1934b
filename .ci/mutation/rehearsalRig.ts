// globalSetup of a mutation group whose tests start a rehearsal backend (bridge): Stryker's vitest
// runner keeps one Vitest for all mutants, so this runs once and every mutant's run of the file
// reuses the backend (reset by the file as its own would be) instead of starting one, about 20 s
// a mutant on two busy cores. See sharedRehearsal in electron/core/backend/rehearsal.test-util.ts.
import type { TestProject } from 'vitest/node';
import { spawnRehearsal } from '../../live/rehearsal/spawn';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const backend = await spawnRehearsal({ authKeys: true });
  const { url, siteUrl, adminKey, demoAccounts } = backend;
  project.provide('rehearsalRig', { url, siteUrl, adminKey, demoAccounts });
  return async () => void (await backend.stop());
}
