// Which links leave the app for the system browser. Only https, on the default port, without
// credentials, to a host on this list: a link planted in data (a record, a notification) cannot
// hand the OS an arbitrary URL (custom schemes, file shares, look-alike hosts).
// Kept free of Electron imports so the rule is unit-tested under plain Node.
export const EXTERNAL_HOSTS: ReadonlySet<string> = new Set([
  // Convex: the deployment guide, dashboard and docs the first-run and settings screens point to.
  'docs.convex.dev',
  'dashboard.convex.dev',
  // Twilio console, where the SMS account SID and token are found.
  'console.twilio.com',
  // The KVKK authority, for the personal-data notice.
  'www.kvkk.gov.tr',
]);

export function isAllowedExternalUrl(raw: string, hosts: ReadonlySet<string> = EXTERNAL_HOSTS): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.port === '' && url.username === '' && url.password === '' && hosts.has(url.hostname);
}
