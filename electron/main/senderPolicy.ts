// Which IPC senders may call the core: only our own window's top frame, showing app://kafkasder.
// Kept free of Electron imports so the rule is unit-tested under plain Node.
export const APP_SCHEME = 'app';
export const APP_HOST = 'kafkasder';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export interface SenderFacts {
  /** The webContents that sent the message is the one our window shows. */
  isOurWindow: boolean;
  /** The message came from that window's top frame (not an iframe). */
  isTopFrame: boolean;
  /** The URL of the frame that sent it, if it still exists. */
  frameUrl: string | null;
}

/** A URL of our own renderer. WHATWG URL gives custom schemes an opaque "null" origin, so this
 * compares scheme and host rather than `.origin`. */
export function isAppUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}

export function isTrustedSender(facts: SenderFacts): boolean {
  return facts.isOurWindow && facts.isTopFrame && facts.frameUrl !== null && isAppUrl(facts.frameUrl);
}
