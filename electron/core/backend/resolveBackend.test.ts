import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backendUrlProblem, envFileDeploymentUrl, readEnvFile, resolveBackend } from './resolveBackend';

describe('resolveBackend', () => {
  it('prefers the environment, then Settings, then a deployment recorded in .env.local', () => {
    const cloudEnvLocal = { CONVEX_DEPLOYMENT: 'dev:happy-otter-123', VITE_CONVEX_URL: 'https://happy-otter-123.convex.cloud' };
    expect(resolveBackend({ env: { CONVEX_URL: 'https://a.convex.cloud' }, settingsUrl: 'https://b.convex.cloud', envLocal: cloudEnvLocal }))
      .toEqual({ kind: 'convex', url: 'https://a.convex.cloud', source: 'env' });
    expect(resolveBackend({ env: {}, settingsUrl: 'https://b.convex.cloud', envLocal: cloudEnvLocal }))
      .toEqual({ kind: 'convex', url: 'https://b.convex.cloud', source: 'settings' });
    expect(resolveBackend({ env: {}, settingsUrl: null, envLocal: cloudEnvLocal }))
      .toEqual({ kind: 'convex', url: 'https://happy-otter-123.convex.cloud', source: 'env' });
    expect(resolveBackend({ env: {}, settingsUrl: null, envLocal: {} })).toBeNull();
  });

  it('drops trailing slashes wherever the URL came from (a pasted https://host/ would call //api/…)', () => {
    expect(resolveBackend({ env: { CONVEX_URL: 'https://a.convex.cloud/' }, settingsUrl: null, envLocal: {} })?.url).toBe('https://a.convex.cloud');
    expect(resolveBackend({ env: {}, settingsUrl: 'https://b.example.org//', envLocal: {} })?.url).toBe('https://b.example.org');
    expect(resolveBackend({ env: {}, settingsUrl: null, envLocal: { CONVEX_DEPLOYMENT: 'dev:x-1', VITE_CONVEX_URL: 'https://x-1.convex.cloud/' } })?.url).toBe('https://x-1.convex.cloud');
  });

  it('takes the local backend only from the launcher, never from .env.local (it may not be running)', () => {
    const localEnvLocal = { CONVEX_DEPLOYMENT: 'anonymous:anonymous-agent', VITE_CONVEX_URL: 'http://127.0.0.1:3210' };
    expect(resolveBackend({ env: {}, settingsUrl: null, envLocal: localEnvLocal })).toBeNull();
    expect(resolveBackend({ env: { CONVEX_URL: 'http://127.0.0.1:3210', KAFKASDER_LOCAL_BACKEND: '1' }, settingsUrl: null, envLocal: {} }))
      .toEqual({ kind: 'convex', url: 'http://127.0.0.1:3210', source: 'local' });
  });

  it('reads the URL under the name the Convex CLI writes (VITE_CONVEX_URL when vite is a dependency)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'envlocal-'));
    // The CLI's own layout (lib/envvars.ts): comment lines, a deployment, then the URLs.
    writeFileSync(
      join(dir, '.env.local'),
      '# Deployment used by `npx convex dev`\nCONVEX_DEPLOYMENT=anonymous:anonymous-agent # team: none\n\nVITE_CONVEX_URL=http://127.0.0.1:3210\nVITE_CONVEX_SITE_URL=http://127.0.0.1:3211\n',
    );
    const env = readEnvFile(join(dir, '.env.local'));
    expect(env.CONVEX_DEPLOYMENT).toBe('anonymous:anonymous-agent');
    expect(envFileDeploymentUrl(env)).toBe('http://127.0.0.1:3210');
    expect(envFileDeploymentUrl({ CONVEX_URL: 'https://x.convex.cloud' })).toBe('https://x.convex.cloud');
  });

  it('accepts https, and http only to this PC', () => {
    expect(backendUrlProblem('https://kafkasder.example.org.tr')).toBeNull();
    expect(backendUrlProblem('http://127.0.0.1:3210')).toBeNull();
    expect(backendUrlProblem('http://localhost:3210')).toBeNull();
    expect(backendUrlProblem('http://[::1]:3210')).toBeNull();
    expect(backendUrlProblem('http://192.168.1.20:3210')).toBe('not-https');
    expect(backendUrlProblem('http://127.0.0.1.example.com')).toBe('not-https');
    expect(backendUrlProblem('ftp://x')).toBe('invalid');
    expect(backendUrlProblem('kafkasder')).toBe('invalid');
  });
});
