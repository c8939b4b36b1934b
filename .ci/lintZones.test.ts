// The lint zones are rules about where code runs; a deliberate violation in each zone must fail.
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: root, overrideConfigFile: `${root}.ci/eslint.config.js` });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${filePath}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
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
  ])('%s: an allowed import passes', async (file, code) => {
    expect(await restrictedImports(file, code)).toEqual([]);
  });
});
