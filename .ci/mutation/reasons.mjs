// Why a mutant that survives `npm run test:mutation` may stay. .ci/mutation/run.mjs prints every
// survivor (and mutant without coverage) with its file:line and the reason found here; one without
// a reason is a missing test. An entry matches by file, the mutated code and its replacement (not
// by line, so it stays true when code above it moves); `line` is where it was when written; `near`,
// when given, is text the mutant's line must hold (for code as short as 'true').
//
// Kinds: 'equivalent' (no behaviour changes), 'platform' (the branch cannot run on this Linux
// machine), 'static' (a module-level constant the vitest runner does not switch per mutant: Stryker
// reports it Survived; applied by hand, the named test ran red), 'logging' (only a log line
// changes), 'later' (killed by a test written after the group's last measured run; applied by
// hand, the named test ran red; the next run of the group measures it).
export const REASONS = [
  // retention
  { file: 'electron/core/retention.ts', line: 22, code: '() => null', replacement: '() => undefined', kind: 'equivalent', reason: 'both falsy: the entry is skipped either way' },
  { file: 'electron/core/retention.ts', line: 24, code: 'true', replacement: 'false', kind: 'equivalent', reason: 'force only silences a file gone between the listing and rm; the entry was just stat’ed' },
  { file: 'electron/core/retention.ts', line: 35, code: "(err: unknown) => console.error('retention sweep failed:', err instanceof Error ? err.message : err)", replacement: '() => undefined', kind: 'logging', reason: 'a failed sweep is logged, never fatal either way' },
  { file: 'electron/core/retention.ts', line: 35, code: "'retention sweep failed:'", replacement: '""', kind: 'logging', reason: 'the failed-sweep log text' },

  // formulaSafe
  { file: 'electron/core/formulaSafe.ts', line: 19, code: '/^-\\d[\\d.,]*$/', replacement: '/-\\d[\\d.,]*$/', kind: 'static', reason: "formulaSafe.test: '=1-5' red by hand" },
  { file: 'electron/core/formulaSafe.ts', line: 20, code: '/^-\\d[\\d.]*$/', replacement: '/-\\d[\\d.]*$/', kind: 'static', reason: "formulaSafe.test: 'a;=1-5' red by hand" },
  { file: 'electron/core/formulaSafe.ts', line: 20, code: '/^-\\d[\\d.]*$/', replacement: '/^-\\d[^\\d.]*$/', kind: 'static', reason: "formulaSafe.test: 'x;-12.5' red by hand" },
  { file: 'electron/core/formulaSafe.ts', line: 20, code: '/^-\\d[\\d.]*$/', replacement: '/^-\\d[\\D.]*$/', kind: 'static', reason: "formulaSafe.test: 'x;-12.5' red by hand" },
  { file: 'electron/core/formulaSafe.ts', line: 37, code: '/[",;\\t|\\r\\n]|^\\s|\\s$/', replacement: '/[",;\\t|\\r\\n]|\\s|\\s$/', kind: 'static', reason: "formulaSafe.test: 'Ayşe Yılmaz' red by hand" },
  { file: 'electron/core/formulaSafe.ts', line: 37, code: '/[",;\\t|\\r\\n]|^\\s|\\s$/', replacement: '/[",;\\t|\\r\\n]|^\\s|\\s/', kind: 'static', reason: "formulaSafe.test: 'Ayşe Yılmaz' red by hand" },
  { file: 'electron/core/formulaSafe.ts', line: 28, code: '!hasSplitter(head)', replacement: 'false', kind: 'equivalent', reason: 'hasSplitter only skips a replace that would match nothing' },
  { file: 'electron/core/formulaSafe.ts', line: 33, code: 'i < SPLITTERS.length', replacement: 'i <= SPLITTERS.length', kind: 'equivalent', reason: 'one more includes(undefined) can only make hasSplitter true: then a replace runs that matches nothing' },
  { file: 'electron/core/formulaSafe.ts', line: 33, code: 'text.includes(SPLITTERS[i]!)', replacement: 'true', kind: 'equivalent', reason: 'hasSplitter only skips a replace that would match nothing' },
  { file: 'electron/core/formulaSafe.ts', line: 34, code: 'false', replacement: 'true', kind: 'equivalent', reason: 'hasSplitter only skips a replace that would match nothing' },

  // launcher (tests run on Linux as root)
  ...['{…', "'taskkill'", "['/PID', String(pid), '/T', '/F']", "['/PID', String(child.pid), '/T', '/F']", "'/PID'", "'/T'", "'/F'", '{ windowsHide: true }', 'true', "'win32'", "platform === 'win32'"].map((code) => ({
    file: 'electron/build/launcher/processes.ts',
    line: 71,
    code,
    near: ['win32', 'taskkill'],
    kind: 'platform',
    reason: 'the Windows branch (taskkill): the tests run on Linux',
  })),
  { file: 'electron/build/launcher/processes.ts', line: 56, code: "(err as NodeJS.ErrnoException).code === 'EPERM'", replacement: 'false', kind: 'platform', reason: 'signal 0 is never refused to root, who runs the tests' },
  { file: 'electron/build/launcher/processes.ts', line: 56, code: "'EPERM'", replacement: '""', kind: 'platform', reason: 'signal 0 is never refused to root, who runs the tests' },
  { file: 'electron/build/launcher/processes.ts', line: 64, code: 'Date.now() >= end', replacement: 'Date.now() > end', kind: 'equivalent', reason: 'one more check at the very millisecond' },
  { file: 'electron/build/launcher/processes.ts', line: 75, code: "'SIGTERM'", replacement: '""', kind: 'equivalent', reason: "Node's process.kill sends SIGTERM for an empty signal name (checked by hand)" },
  { file: 'electron/build/launcher/processes.ts', line: 76, code: '{…', replacement: '{}', kind: 'equivalent', reason: 'kill throws ESRCH only for a process already gone, which the wait after it sees at once (EPERM: see :56)' },
  { file: 'electron/build/launcher/processes.ts', line: 80, code: '() => !isAlive(pid)', replacement: '() => undefined', kind: 'later', reason: 'processes.test "terminate ends a process with SIGTERM…" (waits its own 60 s)' },
  { file: 'electron/build/launcher/processes.ts', line: 86, code: '!isAlive(pid)', replacement: 'isAlive(pid)', kind: 'later', reason: 'processes.test "terminate kills a process that ignores SIGTERM…"' },
  { file: 'electron/build/launcher/processes.ts', line: 95, code: 'child.pid === undefined', replacement: 'false', kind: 'later', reason: 'processes.test "does nothing to a CLI that never started"' },

  // roles
  ...[75, 80, 81].map((line) => ({ file: 'convex/lib/functions.ts', line, code: "'gozlemci'", replacement: '""', kind: 'equivalent', reason: "hasRole(role, '') compares with index −1, which every role passes, as every role passes the weakest" })),
  ...[
    [24, "'Sign-in required'", '""'],
    [28, 'userId === null || sessionId === null', 'userId === null && sessionId === null'],
    [28, 'userId === null', 'false'],
    [28, 'sessionId === null', 'false'],
    [28, "'Not a staff session'", '""'],
    [30, 'session.userId !== userId', 'false'],
    [30, 'session.expirationTime < Date.now()', 'false'],
    [30, 'session.expirationTime < Date.now()', 'session.expirationTime <= Date.now()'],
    [31, "'The session has ended'", '""'],
    [34, 'user === null', 'false'],
    [34, "'The account is deactivated'", '""'],
    [40, '`This needs the ${role} role`', '``'],
    [68, '`This needs the ${role} role`', '``'],
  ].map(([line, code, replacement]) => ({ file: 'convex/lib/functions.ts', line, code, replacement, kind: 'later', reason: 'access.scenario.test "a session past its expiry or of another account is refused; each refusal says why"' })),
  { file: 'convex/lib/functions.ts', line: 69, code: '{ ctx: { user }, args: {} }', replacement: '{}', kind: 'later', reason: 'users.test "an action sees the signed-in person through staffAction"' },
  { file: 'convex/lib/functions.ts', line: 69, code: '{ user }', replacement: '{}', kind: 'later', reason: 'users.test "an action sees the signed-in person through staffAction"' },

  ...[
    [49, "'*'", '""'],
    [49, 'value.length <= 5', 'false'],
    [49, 'value.length <= 5', 'value.length < 5'],
    [57, 'value !== null', 'true'],
    [57, 'value !== undefined', 'true'],
    [65, "field === 'searchText'", 'false'],
    [65, "'searchText'", '""'],
    [71, 'shown !== undefined', 'true'],
    [17, "'full'", '""'],
    [24, "'masked'", '""'],
  ].map(([line, code, replacement]) => ({ file: 'shared/domain/access.ts', line, code, replacement, kind: 'later', reason: 'recordAccess.scenario.test "the access rule itself" (masking bounds, empty fields, search text, hidden fields, the observer’s table)' })),

  // outbox
  { file: 'convex/outbox.ts', line: 120, code: 's._id === d._id', replacement: 'false', kind: 'equivalent', reason: 'every caller patches the delivery to its final state before settled reads the siblings' },
  { file: 'convex/outbox.ts', line: 144, code: 'take - claimed.length', replacement: 'take + claimed.length', kind: 'equivalent', reason: 'the per-delivery check (claimed.length >= take) still stops the claim; only more rows are read' },
  { file: 'convex/outbox.ts', line: 145, code: 'room <= 0', kind: 'equivalent', reason: 'room is never below 0 and take(0) reads nothing; the per-delivery check stops the claim anyway' },
  { file: 'convex/outbox.ts', line: 157, code: "d.state === 'sending'", replacement: 'true', kind: 'equivalent', reason: 'a queued delivery never has MAX_ATTEMPTS attempts: a retry is queued only below it, a release gives one back' },
  { file: 'convex/outbox.ts', line: 160, code: "'failed'", replacement: '""', kind: 'equivalent', reason: "settled only asks whether the state is 'sent'" },
  { file: 'convex/lib/outboxPolicy.ts', line: 64, code: "state === 'sent'", replacement: 'false', kind: 'equivalent', reason: 'a sent sibling already moved the notification on: settled stops at movesForward before it reads siblings' },
  { file: 'convex/lib/outboxPolicy.ts', line: 64, code: "'sent'", replacement: '""', kind: 'equivalent', reason: 'a sent sibling already moved the notification on: settled stops at movesForward before it reads siblings' },
  { file: 'convex/outbox.ts', line: 402, code: "'Only the person who started a campaign enqueues it'", replacement: '""', kind: 'later', reason: 'outbox.test "only the person who started a campaign drives or ends it" (the refusal’s text)' },
  { file: 'convex/outbox.ts', line: 408, code: 'done.noConsent ?? 0', replacement: 'done.noConsent && 0', kind: 'later', reason: 'outbox.test "people without consent…" (the page again answers noConsent 2)' },
  { file: 'convex/outbox.ts', line: 409, code: 'true', replacement: 'false', near: ['isDone: true'], kind: 'later', reason: 'outbox.test "enqueue in caller-driven chunks…" (enqueuing after the end: the whole answer)' },
  { file: 'convex/outbox.ts', line: 409, code: "''", replacement: '"Stryker was here!"', near: ['isDone: true'], kind: 'later', reason: 'outbox.test "enqueue in caller-driven chunks…" (enqueuing after the end: the whole answer)' },
  { file: 'convex/outbox.ts', line: 437, code: '{ name: r.name, title: c.title, body: c.body, locale: c.locale }', replacement: '{}', kind: 'later', reason: 'outbox.test "enqueue in caller-driven chunks…" (a delivery’s payload)' },
  { file: 'convex/outbox.ts', line: 403, code: "''", replacement: '"Stryker was here!"', near: ['paginationOpts.cursor'], kind: 'equivalent', reason: 'the first page’s chunk key only has to be the same each time it is asked for; no real cursor is that text' },
  { file: 'convex/lib/outboxEnqueue.ts', line: 96, code: 'args.scheduledFor !== undefined', replacement: 'true', kind: 'equivalent', reason: 'Convex stores no field whose value is undefined' },

  // bridge
  { file: 'electron/web/bridgeServer.ts', line: 75, code: 'a.length === b.length', replacement: 'true', kind: 'later', reason: 'bridgeServer.test "refuses a missing or wrong cookie…" (a forged value shorter than a real one: 401, not 500)' },
  { file: 'electron/web/bridgeServer.ts', line: 138, code: '/^\\/api\\/call\\/(\\w+)$/', replacement: '/\\/api\\/call\\/(\\w+)$/', kind: 'later', reason: 'bridgeServer.test "answers every /api/ request uncached…" (/api/x/api/call/… is no route)' },
  { file: 'electron/web/bridgeServer.ts', line: 140, code: "(req.headers['content-type'] ?? '').startsWith('application/json')", replacement: "(req.headers['content-type'] ?? '').endsWith('application/json')", kind: 'later', reason: 'bridgeServer.test "answers every /api/ request uncached…" (JSON with its charset)' },
  { file: 'electron/web/bridgeServer.ts', line: 203, code: 'part.slice(0, eq).trim()', replacement: 'part.slice(0, eq)', kind: 'later', reason: 'bridgeServer.test "refuses a missing or wrong cookie…" (the cookie among others)' },
  { file: 'electron/web/bridgeServer.ts', line: 203, code: 'part.slice(eq + 1).trim()', replacement: 'part.slice(eq + 1)', kind: 'later', reason: 'bridgeServer.test "refuses a missing or wrong cookie…" (the cookie among others)' },
  { file: 'electron/web/bridgeServer.ts', line: 203, code: 'eq > 0', kind: 'equivalent', reason: 'a cookie part without "=" (or starting with it) never carries a session’s value: the session check refuses it anyway' },
  { file: 'electron/web/bridgeServer.ts', line: 140, code: "''", replacement: '"Stryker was here!"', near: ['content-type'], kind: 'equivalent', reason: 'any default that is not application/json is refused alike (415)' },

  // imports
  { file: 'convex/lib/importBatch.ts', line: 422, code: 'conflicts.size === 0', replacement: 'false', kind: 'equivalent', reason: 'only spares the rows\' lookups when no result is a conflict: the map after it changes no result then' },
  { file: 'convex/lib/importBatch.ts', line: 428, code: '!conflicts.has(row.rowNumber)', replacement: 'false', kind: 'equivalent', reason: 'the stored values of rows that are not conflicts are then computed too, and never read' },
  { file: 'convex/lib/importBatch.ts', line: 428, code: '[]', replacement: '["Stryker was here"]', kind: 'equivalent', reason: 'a conflict row is invalid on a repeat only when its record is gone (not_found): with no stored record its fields are never read' },
  { file: 'convex/lib/importBatch.ts', line: 402, code: 'consents > 0', replacement: 'true', kind: 'equivalent', reason: 'a batch without consent columns then counts consents: 0, which every reader takes as none' },
  { file: 'convex/lib/importBatch.ts', line: 402, code: 'consents > 0', replacement: 'consents >= 0', kind: 'equivalent', reason: 'a batch without consent columns then counts consents: 0, which every reader takes as none' },
  { file: 'convex/lib/importBatch.ts', line: 402, code: 'consents > 0', replacement: 'false', kind: 'later', reason: 'consents.test "an import\'s consent columns…" (now in the group\'s tests)' },
  { file: 'convex/lib/importBatch.ts', line: 402, code: 'consents > 0', replacement: 'consents <= 0', kind: 'later', reason: 'consents.test "an import\'s consent columns…" (now in the group\'s tests)' },
  { file: 'convex/lib/importBatch.ts', line: 402, code: '{ consents }', replacement: '{}', kind: 'later', reason: 'consents.test "an import\'s consent columns…" (now in the group\'s tests)' },
  { file: 'convex/lib/importUndo.ts', line: 55, code: '(counts.consents ?? 0) + consents.length', kind: 'later', reason: 'consents.test "an import\'s consent columns…" (undone with it; now in the group\'s tests)' },
  { file: 'convex/lib/importUndo.ts', line: 55, code: 'counts.consents ?? 0', replacement: 'counts.consents && 0', kind: 'later', reason: 'consents.test "an import\'s consent columns…" (undone with it; now in the group\'s tests)' },
  { file: 'convex/lib/importBatch.ts', line: 112, code: 'existing === null', replacement: 'false', kind: 'later', reason: 'importDryRun.test "a record changed after the dry run…" (a record deleted since: conflict, stored null)' },
  { file: 'convex/lib/importUndo.ts', line: 57, code: 'consents.length === UNDO_STEP_ROWS', replacement: 'false', kind: 'equivalent', reason: 'the query it spares would take(UNDO_STEP_ROWS - consents.length) = take(0): no rows either way' },
  { file: 'convex/lib/importUndo.ts', line: 65, code: 'id === null', replacement: 'false', kind: 'equivalent', reason: 'a change’s recordId is the id the import inserted or patched in that collection: it always normalizes' },
  { file: 'convex/lib/importUndo.ts', line: 66, code: 'id === null', replacement: 'false', kind: 'equivalent', reason: 'a change’s recordId is the id the import inserted or patched in that collection: it always normalizes' },
  { file: 'convex/lib/importUndo.ts', line: 39, code: 'runId === null', replacement: 'false', kind: 'equivalent', reason: 'a null runId leaves run null, which the first half of the condition catches' },
  { file: 'convex/lib/importUndo.ts', line: 28, code: 'Object.entries(change.after).every(([field, value]) => (doc[field] ?? null) === value)', kind: 'equivalent', reason: 'every write to a record sets updatedAt, which the check before it compares: any edit since is caught there' },
  { file: 'convex/lib/importUndo.ts', line: 28, code: '(doc[field] ?? null) === value', kind: 'equivalent', reason: 'every write to a record sets updatedAt, which the check before it compares: any edit since is caught there' },
  { file: 'convex/lib/importUndo.ts', line: 27, code: 'doc.importRunId !== runId', replacement: 'false', kind: 'equivalent', reason: 'another import writing the record sets updatedAt to its own time, which the check beside it compares' },
  { file: 'convex/lib/importUndo.ts', line: 144, code: '!runs.has(change.runId)', replacement: 'true', kind: 'equivalent', reason: 'the run is only read again for each change (more reads, the same answer)' },
  { file: 'convex/lib/importUndo.ts', line: 126, code: 'run === null', kind: 'equivalent', reason: 'nothing deletes an importRuns document, so a change’s run is never missing' },
  { file: 'convex/lib/importUndo.ts', line: 126, code: 'true', replacement: 'false', near: ['run === null'], kind: 'equivalent', reason: 'nothing deletes an importRuns document, so a change’s run is never missing' },

  // session
  { file: 'electron/core/session/authSession.ts', line: 44, code: '{…', replacement: '{}', kind: 'static', reason: 'authSession.test "without a clock of its own…" red by hand' },
  { file: 'electron/core/session/authSession.ts', line: 51, code: '(handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)', replacement: '() => undefined', kind: 'static', reason: 'authSession.test "without a clock of its own…" red by hand' },
  { file: 'electron/core/session/authSession.ts', line: 45, code: '() => Date.now()', replacement: '() => undefined', kind: 'equivalent', reason: "the session never reads the clock's time, only its timers" },
  { file: 'electron/core/session/authSession.ts', line: 48, code: 'handle.unref?.()', replacement: 'handle.unref()', kind: 'equivalent', reason: "Node's timers always have unref" },
  { file: 'electron/core/session/authSession.ts', line: 77, code: "typeof data === 'object'", replacement: 'true', kind: 'equivalent', reason: "a string's .code is undefined: a text refusal is 'refused' either way" },
  { file: 'electron/core/session/authSession.ts', line: 277, code: 'false', replacement: 'true', kind: 'equivalent', reason: "after an end the store is empty; the next hand-over is a sign-in's, which resets the flag" },
  { file: 'electron/core/session/authSession.ts', line: 291, code: 'this.timer !== null', replacement: 'true', kind: 'equivalent', reason: 'clearing a null timer does nothing' },
];
