// Recurring work of the deployment.
import { cronJobs } from 'convex/server';
import { internal } from './_generated/api';

const crons = cronJobs();

// Data-subject requests: the assignee reminded on day 20 and day 27 (09:00 in Türkiye).
crons.daily('KVKK request reminders', { hourUTC: 6, minuteUTC: 0 }, internal.dataRequests.sendReminders, {});

// Undo data of imports older than 30 days (03:30 in Türkiye, UTC+3).
crons.daily('import undo cleanup', { hourUTC: 0, minuteUTC: 30 }, internal.imports.cleanupChanges, {});

// Import runs nobody finished: closed, with their end audit entry, once idle for a day.
crons.hourly('close idle import runs', { minuteUTC: 10 }, internal.imports.closeIdleRuns, {});

// Records deleted more than 30 days ago, with their history (03:45 in Türkiye). `{}`: each run
// fixes its own cutoff and passes it to its continuations (records.purgeDeleted).
crons.daily('deleted records purge', { hourUTC: 0, minuteUTC: 45 }, internal.records.purgeDeleted, {});

// Bulk sends left half-way (the PC that drove them closed): closed with an audit entry.
crons.hourly('abandoned campaigns', { minuteUTC: 40 }, internal.outbox.closeAbandoned, {});

// Retention (retention.ts): each category's data past its period deleted or anonymised, in
// batches, with a destruction log row (04:15 in Türkiye). `{}`: each run fixes its own cutoff.
crons.daily('retention', { hourUTC: 1, minuteUTC: 15 }, internal.retention.start, {});

// Records from before the import's name matching get their name key (reads nothing once done).
crons.hourly('name keys', { minuteUTC: 20 }, internal.records.fillNameKeys, {});

export default crons;
