// The lint zones are rules about where code runs; a deliberate violation in each zone must fail.
// So must a test file named after no module beside it.
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: root, overrideConfigFile: `${root}.ci/eslint.config.js` });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${filePath}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'layers/zones').map((m) => m.message);
}

describe('lint zones', () => {
  it.each([
    ['renderer/src/features/x.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n", /no Node built-ins/],
    ['shared/domain/x.ts', "import { join } from 'node:path';\nexport const f = join;\n", /no Node built-ins/],
    ['renderer/src/x.ts', "import { createCore } from '../../electron/features/createCore';\nexport const f = createCore;\n", /application core/],
    ['shared/contract/x.ts', "import { ConvexGateway } from '../../electron/core/backend/convexGateway';\nexport const f = ConvexGateway;\n", /application core/],
    ['convex/x.ts', "import { mutation } from './_generated/server';\nexport const f = mutation({ args: {}, handler: async () => null });\n", /convex\/lib\/functions\.ts/],
    ['convex/lib/x.ts', "import { query } from '../_generated/server';\nexport const f = query;\n", /convex\/lib\/functions\.ts/],
    ['electron/preload/x.ts', "import { z } from 'zod';\nexport const f = z;\n", /preload only forwards/],
    ['electron/core/x.ts', "import { app } from 'electron';\nexport const f = app;\n", /Only electron\/main/],
    ['electron/core/backend/x.ts', "import { startRehearsal } from '../../../live/rehearsal/server';\nexport const f = startRehearsal;\n", /never imports live/],
    ['electron/main/x.ts', "import { spawnRehearsal } from '../../live/rehearsal/spawn';\nexport const f = spawnRehearsal;\n", /never imports live/],
    ['renderer/src/x.ts', "import { Journal } from '../../live/rehearsal/journal';\nexport const f = Journal;\n", /never imports live/],
    ['convex/x.ts', "import { Journal } from '../live/rehearsal/journal';\nexport const f = Journal;\n", /never imports live/],
    // The layers of electron/: hosts → features/createCore.ts → features → core.
    ['electron/core/x.ts', "import { createImportsFeature } from '../features/imports/importsFeature';\nexport const f = createImportsFeature;\n", /core\/ is the kernel/],
    ['electron/core/backend/x.ts', "import { createCore } from '../../features/createCore';\nexport const f = createCore;\n", /core\/ is the kernel/],
    ['electron/core/x.ts', "import { runCoreJob } from '../cli/backend';\nexport const f = runCoreJob;\n", /core\/ is the kernel/],
    ['electron/features/kvkk/x.ts', "import { XlsxWriter } from '../exports/xlsxWriter';\nexport const f = XlsxWriter;\n", /A feature imports only/],
    ['electron/features/imports/running/x.ts', "import { Messaging } from '../../messaging/messaging';\nexport const f = Messaging;\n", /A feature imports only/],
    ['electron/features/records/x.ts', "import { createCore } from '../createCore';\nexport const f = createCore;\n", /A feature imports only/],
    ['electron/cli/x.ts', "import { inspectSource } from '../features/imports/reading/source';\nexport const f = inspectSource;\n", /Hosts import only/],
    ['electron/main/x.ts', "export { MessagingSecretStore } from '../features/messaging/secretStore';\n", /Hosts import only/],
    ['electron/features/auth/x.ts', "import { DEMO_ACCOUNTS } from '../../../convex/demo';\nexport const f = DEMO_ACCOUNTS;\n", /convex\/_generated only/],
    ['electron/core/x.ts', "import { outboxPolicy } from '../../convex/lib/outboxPolicy';\nexport const f = outboxPolicy;\n", /convex\/_generated only/],
    // The renderer's layers: app/ → features/ → client/, ui/, i18n/.
    ['renderer/src/i18n/x.ts', "import type { importTr } from '../features/import/importMessages';\nexport type T = typeof importTr;\n", /never import features\/ or app\//],
    ['renderer/src/client/x.ts', "import { ImportPage } from '../features/import/ImportPage';\nexport const f = ImportPage;\n", /never import features\/ or app\//],
    ['renderer/src/ui/x.tsx', "import { App } from '../app/App';\nexport const f = App;\n", /never import features\/ or app\//],
    ['renderer/src/features/import/x.ts', "import { useHashRoute } from '../../app/useHashRoute';\nexport const f = useHashRoute;\n", /never imports the shell/],
    ['renderer/src/features/records/x.tsx', "import { ConsentTab } from '../kvkk/ConsentTab';\nexport const f = ConsentTab;\n", /A renderer feature imports only/],
  ])('%s: a forbidden import fails', async (file, code, message) => {
    const messages = await restrictedImports(file, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(message);
  });

  it.each([
    ['convex/x.ts', "import { internalMutation, type MutationCtx } from './_generated/server';\nexport const f = internalMutation;\nexport type C = MutationCtx;\n"],
    ['convex/lib/functions.ts', "import { query } from '../_generated/server';\nexport const f = query;\n"],
    ['electron/features/x.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n"],
    ['renderer/src/x.ts', "import { z } from 'zod';\nexport const f = z;\n"],
    ['electron/core/session/x.test-util.ts', "import { spawnRehearsal } from '../../../live/rehearsal/spawn';\nexport const f = spawnRehearsal;\n"],
    ['electron/cli/x.ts', "import { createCore } from '../features/createCore';\nimport { AppError } from '../core/appError';\nexport const f = [createCore, AppError];\n"],
    ['electron/features/imports/running/x.ts', "import { inspectSource } from '../reading/source';\nimport { AppError } from '../../../core/appError';\nexport const f = [inspectSource, AppError];\n"],
    ['electron/features/records/x.ts', "import { api } from '../../../convex/_generated/api';\nimport { COLLECTIONS } from '../../../shared/domain/vocabularies';\nexport const f = [api, COLLECTIONS];\n"],
    ['electron/features/createCore.ts', "import { createImportsFeature } from './imports/importsFeature';\nexport const f = createImportsFeature;\n"],
    ['electron/cli/x.ts', "import { describeFile } from '../features/imports/standalone';\nexport const f = describeFile;\n"],
    ['electron/features/imports/x.test.ts', "import { startSmtpPeer } from '../messaging/testPeers.test-util';\nexport const f = startSmtpPeer;\n"],
    ['renderer/src/features/import/x.tsx', "import { call } from '../../client/client';\nimport { BarChart } from '../../ui/BarChart';\nimport { registerMessages } from '../../i18n/registerMessages';\nexport const f = [call, BarChart, registerMessages];\n"],
    ['renderer/src/app/x.tsx', "import { ImportPage } from '../features/import/ImportPage';\nexport const f = ImportPage;\n"],
  ])('%s: an allowed import passes', async (file, code) => {
    expect(await restrictedImports(file, code)).toEqual([]);
  });
});

describe('test file names', () => {
  const testNames = async (filePath: string) => {
    const [result] = await eslint.lintText("import { it } from 'vitest';\nit('x', () => undefined);\n", { filePath: `${root}${filePath}` });
    return (result?.messages ?? []).filter((m) => m.ruleId === 'layers/test-names').map((m) => m.message);
  };

  it.each([
    'electron/core/dispatch.test.ts',
    'electron/core/dispatch.replay.test.ts',
    'convex/lib/importUndo.test.ts',
    '.ci/eslint.config.test.ts',
    'electron/features/anything.scenario.test.ts',
  ])('%s: named after a module beside it, or a scenario', async (file) => {
    expect(await testNames(file)).toEqual([]);
  });

  it.each(['electron/core/retryAndBatch.test.ts', 'convex/importHistory.test.ts', 'electron/features/imports/running/resume.replay.test.ts'])(
    '%s: named after no module beside it, fails',
    async (file) => {
      const messages = await testNames(file);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatch(/tests no module beside it/);
    },
  );
});
