import { isAbsolute } from 'node:path';
import type { HandlerTable } from '../core/dispatch';
import type { CoreServices } from '../core/services';

export function hostHandlers(svc: CoreServices): Pick<HandlerTable, 'pickSavePath' | 'revealFile'> {
  const host = svc.hostCapabilities;
  return {
    pickSavePath: async (input) =>
      host.pickSavePath ? { path: await host.pickSavePath(input), supported: true } : { path: null, supported: false },
    revealFile: async ({ path }) => {
      if (!host.revealFile || !isAbsolute(path)) return { revealed: false };
      host.revealFile(path);
      return { revealed: true };
    },
  };
}
