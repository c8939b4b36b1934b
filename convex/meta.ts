// What the app asks a deployment before anything else: is it running this app's functions, and
// which version of them. Public without sign-in (the app asks before anyone signs in).
import { v } from 'convex/values';
import { FUNCTIONS_VERSION } from '../shared/domain/functionsVersion';
import { publicQuery } from './lib/functions';

export const APP_ID = 'kafkasder-panel' as const;

export const version = publicQuery({
  args: {},
  returns: v.object({ app: v.literal(APP_ID), functionsVersion: v.number() }),
  handler: async () => ({ app: APP_ID, functionsVersion: FUNCTIONS_VERSION }),
});
