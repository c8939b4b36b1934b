import { describe, expect, it } from 'vitest';
import { resolveBackend } from './resolveBackend';

describe('resolveBackend', () => {
  it('prefers the environment, then Settings, then .env.local', () => {
    const envLocal = { CONVEX_URL: 'http://127.0.0.1:3210', CONVEX_DEPLOYMENT: 'anonymous:anonymous-kafkasder' };
    expect(resolveBackend({ env: { CONVEX_URL: 'https://a.convex.cloud' }, settingsUrl: 'https://b.convex.cloud', envLocal: {} }))
      .toEqual({ kind: 'convex', url: 'https://a.convex.cloud', source: 'env' });
    expect(resolveBackend({ env: {}, settingsUrl: 'https://b.convex.cloud', envLocal }))
      .toEqual({ kind: 'convex', url: 'https://b.convex.cloud', source: 'settings' });
    expect(resolveBackend({ env: {}, settingsUrl: null, envLocal }))
      .toEqual({ kind: 'convex', url: 'http://127.0.0.1:3210', source: 'local' });
    expect(resolveBackend({ env: {}, settingsUrl: null, envLocal: {} })).toBeNull();
  });
});
