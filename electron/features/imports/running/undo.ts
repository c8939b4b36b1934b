// Undoing a finished import run: step by step until the server says it is done (each step is its
// own transaction, so an undo cut short goes on where it stopped when asked again), then the rows
// the undo kept because they were changed since (the wizard's history and `kafkasder undo` list them).
import { api } from '../../../../convex/_generated/api';
import type { Id } from '../../../../convex/_generated/dataModel';
import { withRetry } from '../../../core/backend/retry';
import type { Gateway } from '../../../core/backend/gateway';
import { toAppErrorData } from '../../../core/errorData';
import { AppError, cancelledError } from '../../../core/errors/appError';

/** The server's refusals of an undo, said in both languages (the wizard's history and the CLI). */
const UNDO_REFUSALS: Record<string, (runId: string) => [en: string, tr: string]> = {
  no_such_run: (id) => [`No such import run: ${id}`, `Böyle bir aktarım yok: ${id}`],
  run_running: (id) => [`Import ${id} is still running; it can be undone once it ends`, `Aktarım ${id} hâlâ sürüyor; bittiğinde geri alınabilir`],
  undo_expired: (id) => [`Import ${id} cannot be undone: imports can be undone for 30 days`, `Aktarım ${id} geri alınamaz: aktarımlar 30 gün içinde geri alınabilir`],
};

function undoRefusal(err: unknown, runId: string): never {
  const { code } = toAppErrorData(err);
  const refusal = UNDO_REFUSALS[code];
  if (!refusal) throw err;
  throw new AppError(code, ...refusal(runId));
}

/** Undoes a run; progress gets the counts so far after each step. */
export async function undoRun(gateway: Gateway, runId: string, signal: AbortSignal | undefined, progress: (p: { deleted: number; restored: number; kept: number }) => void) {
  const id = runId as Id<'importRuns'>;
  for (;;) {
    if (signal?.aborted) throw cancelledError();
    const step = await withRetry(() => gateway.mutation(api.imports.undoStep, { runId: id }), { signal }).catch((err: unknown) => undoRefusal(err, runId));
    progress(step.counts);
    if (step.done) {
      const kept = await gateway.query(api.imports.undoKept, { runId: id, paginationOpts: { cursor: null, numItems: 200 } });
      return { ...step.counts, keptRows: kept.page.map((k) => ({ rowNumber: k.rowNumber, key: k.key, action: k.action })) };
    }
  }
}
