import type { HandlerTable } from '../core/dispatch';
import type { CoreServices } from '../core/services';

// Native dialogs and the file manager, desktop only. The chosen path stays in the core: the
// renderer gets an id for it (and the path only as text to show).
export function hostHandlers(svc: CoreServices): Pick<HandlerTable, 'pickSavePath' | 'revealFile'> {
  const host = svc.hostCapabilities;
  return {
    pickSavePath: async (input) => {
      if (!host.pickSavePath || !svc.files.grant) return { fileId: null, path: null, supported: false };
      const path = await host.pickSavePath(input);
      return path === null ? { fileId: null, path: null, supported: true } : { fileId: svc.files.grant(path, ['write', 'reveal']), path, supported: true };
    },
    revealFile: async ({ fileId }) => {
      const file = svc.files.resolve(fileId, 'reveal');
      if (!host.revealFile || !file) return { revealed: false };
      host.revealFile(file.path);
      return { revealed: true };
    },
  };
}
