// Recurring work of the deployment.
import { cronJobs } from 'convex/server';
import { internal } from './_generated/api';

const crons = cronJobs();

// Undo data of imports older than 30 days (03:30 in Türkiye, UTC+3).
crons.daily('import undo cleanup', { hourUTC: 0, minuteUTC: 30 }, internal.imports.cleanupChanges, {});

export default crons;
