// The modules that carry the README's promises, in groups, each with the tests that claim them.
// `npm run test:mutation` runs Stryker on one group at a time (each with its own incremental
// file), then joins the groups' reports into reports/mutation/mutation.json.

/**
 * A group's incremental file: every mutant's last result with the sources it was measured on. Kept
 * in the repository, so a fresh clone's run re-tests only the mutants whose code or tests changed
 * since (Stryker diffs the sources), not all of them (hours on two cores).
 */
export const incrementalFile = (name) => `.ci/mutation/incremental/${name}.json`;
export const GROUPS = {
  // Roles checked on every call: the builders, the role order, what each role may see.
  roles: {
    mutate: ['convex/lib/functions.ts', 'shared/domain/roles.ts', 'shared/domain/access.ts'],
    tests: ['convex/access.scenario.test.ts', 'convex/recordAccess.scenario.test.ts', 'convex/users.test.ts'],
  },
  // Each message exactly once: claim, lease, report (attempt fencing), campaign enqueue.
  outbox: {
    // The promise-carrying lines only: settled (a delivery moves its notification on), claim's
    // lease (without its audit entry), report's attempt fencing, the campaign totals summed in
    // finish (not its audit summary), enqueueCampaign's page (replay, duplicates, consent), the
    // deliveries createNotification queues, and the retry and status rules.
    mutate: [
      'convex/outbox.ts:111-122',
      'convex/outbox.ts:133-184',
      'convex/outbox.ts:209-247',
      'convex/outbox.ts:362-369',
      'convex/outbox.ts:400-449',
      'convex/lib/outboxEnqueue.ts:63-107',
      'convex/lib/outboxPolicy.ts:20-31',
      'convex/lib/outboxPolicy.ts:64-64',
    ],
    // staff.test: the security notice e-mailed whatever the preferences (alwaysEmail).
    tests: ['convex/outbox.test.ts', 'convex/notifications.test.ts', 'convex/staff.test.ts'],
  },
  // Each batch exactly once, conflicts refused, undo for 30 days.
  imports: {
    // A batch applied once (applyBatchOnce) and its conflicts (driftFrom and where applyRows reports
    // them); undo (untouchedSince, undoOneStep) and its window (pastUndo/cleanupChangesPage drop
    // the undo data after it; UNDO_WINDOW_MS, a module constant, is a static mutant the vitest runner cannot
    // switch: lib/importDryRun.test's undo at exactly 30 days and at 30 days + 1 ms pins it). Row checks
    // and matching are the import's, not these promises.
    mutate: [
      'convex/lib/importBatch.ts:110-124',
      'convex/lib/importBatch.ts:316-323',
      'convex/lib/importBatch.ts:383-404',
      // A repeated batch's answer: its conflicts' stored values looked up again (the document keeps none).
      'convex/lib/importBatch.ts:412-434',
      'convex/lib/importUndo.ts:26-104',
      'convex/lib/importUndo.ts:125-150',
    ],
    // consents.test: a run's consent columns counted with its batch and undone with it.
    tests: ['convex/imports.test.ts', 'convex/lib/importDryRun.test.ts', 'convex/lib/importUndo.test.ts', 'convex/lib/importBatch.test.ts', 'convex/lib/importRuns.test.ts', 'convex/consents.test.ts'],
  },
  // Every CSV cell formula-safe, every separator quoted.
  formulaSafe: {
    mutate: ['electron/core/formulaSafe.ts'],
    tests: ['electron/core/formulaSafe.test.ts', 'electron/features/exports/cells.test.ts'],
  },
  // The web bridge's checks: calls, events, uploads and downloads.
  bridge: {
    // The cookie check (secret compare, session, cookie header) and the API branch (calls, events,
    // uploads, downloads). The file's rehearsal backend comes from the rig (.ci/mutation/rehearsalRig.ts),
    // started once, not per mutant; the host/origin checks, the link trade and static files are left to the tests alone.
    mutate: ['electron/web/bridgeServer.ts:71-80', 'electron/web/bridgeServer.ts:119-143', 'electron/web/bridgeServer.ts:200-206'],
    tests: ['electron/web/bridgeServer.test.ts'],
    rehearsalRig: true,
  },
  // Personal data on this PC removed after the retention setting, at start and daily.
  retention: {
    mutate: ['electron/core/retention.ts'],
    tests: ['electron/core/retention.test.ts'],
  },
  // The launcher's stop sequence: SIGINT first, the CLI's own cleanup.
  launcher: {
    // The stop sequence (terminate, stopCli); listing processes is the platform's, tested by launch.test.
    mutate: ['electron/build/launcher/processes.ts:51-106'],
    tests: ['electron/build/launcher/processes.test.ts'],
  },
  // Tokens in the main process only: the session's token handling and the sealed store.
  session: {
    mutate: ['electron/core/session/authSession.ts', 'electron/core/session/sealedTokenStore.ts'],
    tests: ['electron/core/session/authSession.test.ts', 'electron/core/session/sealedTokenStore.test.ts'],
  },
  // Outputs reduced to the contract (nothing undeclared reaches the renderer).
  contract: {
    mutate: ['electron/core/dispatch.ts'],
    tests: ['electron/core/dispatch.test.ts'],
  },
};
