// Recurring work of the deployment.
import { cronJobs } from 'convex/server';
import { internal } from './_generated/api';

const crons = cronJobs();

// Undo data of imports older than 30 days (03:30 in Türkiye, UTC+3).
crons.daily('import undo cleanup', { hourUTC: 0, minuteUTC: 30 }, internal.imports.cleanupChanges, {});

// Import runs nobody finished: closed, with their end audit entry, once idle for a day.
crons.hourly('close idle import runs', { minuteUTC: 10 }, internal.imports.closeIdleRuns, {});

export default crons;
