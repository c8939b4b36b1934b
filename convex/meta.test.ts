import { expect, test } from 'vitest';
import { FUNCTIONS_VERSION } from '../shared/domain/functionsVersion';
import { api } from './_generated/api';
import { newTest } from './convexTest.test-util';

test('meta:version answers without sign-in with this build of the functions', async () => {
  const t = newTest();
  // No identity: the app asks before anyone signs in.
  expect(await t.query(api.meta.version, {})).toEqual({ app: 'kafkasder-panel', functionsVersion: FUNCTIONS_VERSION });
});
