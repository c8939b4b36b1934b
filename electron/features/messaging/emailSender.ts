// E-mail through a pooled nodemailer transport. The outbox owns retries: the pool is told never
// to requeue a message itself (maxRequeues 0), since a message whose connection dropped after
// the server took it would otherwise go out twice. Errors are classified for outbox.report.
// nodemailer is loaded at the first send or verify: every core start (the CLI's validate too)
// builds a sender, and most never send.
import type { Transporter } from 'nodemailer';
import type { SmtpSettings } from './secretStore';
import { permanent, retryable, type SendOutcome } from './sendOutcome';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface EmailSender {
  send(message: EmailMessage): Promise<SendOutcome>;
  verify(): Promise<{ ok: true } | { ok: false; error: string }>;
  close(): void;
}

export interface EmailSenderOptions {
  maxConnections?: number;
  /** Socket, greeting and connection timeouts, ms. */
  timeoutMs?: number;
}

const CONNECTION_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETLS', 'EPROTOCOL']);
const PERMANENT_CODES = new Set(['EAUTH', 'ENOAUTH', 'EOAUTH2', 'ECONFIG', 'EMESSAGE', 'EENVELOPE']);

interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
  rejected?: string[];
}

/**
 * 4xx replies and connection trouble are worth another attempt; 5xx replies, failed
 * authentication and messages the server will never take are not.
 */
export function classifySmtpError(err: unknown): SendOutcome {
  const e = (err ?? {}) as SmtpError;
  const text = (e.response ?? e.message ?? String(err)).slice(0, 500);
  const label = `${e.code ?? 'ERROR'}${e.responseCode ? ` ${e.responseCode}` : ''}: ${text}`;
  if (e.code === 'EAUTH' || e.code === 'ENOAUTH') return permanent(label);
  if (typeof e.responseCode === 'number') {
    if (e.responseCode >= 400 && e.responseCode < 500) return retryable(label);
    if (e.responseCode >= 500) return permanent(label);
  }
  if (e.code && PERMANENT_CODES.has(e.code)) return permanent(label);
  if (e.code && CONNECTION_CODES.has(e.code)) return retryable(label);
  return retryable(label);
}

/** What send and verify report for settings that would sign in without TLS. */
export const CLEARTEXT_AUTH = 'cleartext_auth';

const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\])$/i;

/**
 * SMTP AUTH sends the user name and password: without TLS anyone on the network can read them.
 * A relay on this PC itself (loopback) is the one exception: that traffic never leaves the PC.
 */
export function signsInWithoutTls(smtp: Pick<SmtpSettings, 'secure' | 'user' | 'host'>): boolean {
  return smtp.secure === 'none' && Boolean(smtp.user) && !LOOPBACK_HOST.test(smtp.host.trim());
}

export function createEmailSender(smtp: SmtpSettings, options: EmailSenderOptions = {}): EmailSender {
  // Settings saved before this rule existed are refused here too, without opening a connection.
  if (signsInWithoutTls(smtp)) {
    return {
      send: async () => permanent(`${CLEARTEXT_AUTH}: SMTP sign-in needs TLS or STARTTLS`),
      verify: async () => ({ ok: false, error: CLEARTEXT_AUTH }),
      close: () => undefined,
    };
  }
  const timeout = options.timeoutMs ?? 30_000;
  let transport: Promise<Transporter> | null = null;
  let closed = false;
  const open = (): Promise<Transporter> =>
    (transport ??= import('nodemailer').then(({ default: nodemailer }) => {
      const made = nodemailer.createTransport({
        pool: true,
        host: smtp.host,
        port: smtp.port,
        secure: smtp.secure === 'tls',
        requireTLS: smtp.secure === 'starttls',
        ignoreTLS: smtp.secure === 'none',
        auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
        maxConnections: options.maxConnections ?? 2,
        maxMessages: 100,
        maxRequeues: 0,
        connectionTimeout: timeout,
        greetingTimeout: timeout,
        socketTimeout: timeout,
      });
      // Closed while it loaded: the pool opens no connection.
      if (closed) made.close();
      return made;
    }));

  return {
    async send(message) {
      try {
        const info = await (await open()).sendMail({ from: smtp.from, to: message.to, subject: message.subject, text: message.text, html: message.html });
        const rejected = (info.rejected ?? []).map((r) => (typeof r === 'string' ? r : (r as { address: string }).address));
        return { ok: true, providerId: info.messageId, ...(rejected.length > 0 ? { rejected } : {}) };
      } catch (err) {
        return classifySmtpError(err);
      }
    },
    async verify() {
      try {
        await (await open()).verify();
        return { ok: true };
      } catch (err) {
        const outcome = classifySmtpError(err);
        return { ok: false, error: outcome.ok ? 'unknown' : outcome.error };
      }
    },
    close: () => {
      closed = true;
      void transport?.then((t) => t.close()).catch(() => undefined);
    },
  };
}
