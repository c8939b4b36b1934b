// The outbox and the send checks report provider errors as technical text ("ECONNREFUSED: …",
// "400 (21211): …"); staff see a plain sentence for it and the raw text only as a detail.
import type { sendingTr } from './sendingMessages';
import type { DeliveryChannel } from '../../../../shared/domain/vocabularies';

export type ErrorKey = keyof (typeof sendingTr)['errors'];
export interface ExplainedError {
  key: ErrorKey;
  /** The message's interpolation values (i18next's options reject a loose string record). */
  params?: { list: string };
  /** The original text, shown as a technical detail (absent when the key says it all). */
  raw?: string;
}

const SMTP_CODES: Array<[RegExp, ErrorKey]> = [
  [/^(EAUTH|ENOAUTH|EOAUTH2)\b/, 'auth'],
  [/^EDNS\b|ENOTFOUND|EAI_AGAIN/, 'dns'],
  [/^ETLS\b|certificate|SSL routines|wrong version number/i, 'tls'],
  [/ECONNREFUSED/, 'refused'],
  [/ETIMEDOUT|timeout/i, 'timeout'],
  [/^(ECONNECTION|ESOCKET|ECONNRESET|EPIPE|EPROTOCOL)\b/, 'connection'],
];

const TWILIO_CODES: Record<string, ErrorKey> = {
  '21211': 'invalidNumber',
  '21614': 'notMobile',
  '21610': 'unsubscribed',
  '20003': 'twilioAuth',
};

export function explainDeliveryError(raw: string, channel: DeliveryChannel): ExplainedError {
  const text = raw.trim();
  if (text === 'not_configured') return { key: 'not_configured' };
  if (text.startsWith('lease expired')) return { key: 'lease', raw: text };
  if (text.startsWith('rejected: ')) return { key: 'recipients', params: { list: text.slice('rejected: '.length) } };
  if (text.startsWith('unknown template')) return { key: 'template', raw: text };
  if (text.startsWith('cleartext_auth')) return { key: 'cleartextAuth' };
  if (text.startsWith('invalid Turkish mobile number')) return { key: 'invalidNumber', raw: text };
  if (channel === 'sms') {
    // classifyTwilioError's label: "<status> (<code>): <message>".
    const m = /^(\d{3}|ERROR)(?: \((\d+)\))?:/.exec(text);
    const code = m?.[2];
    const mapped = code !== undefined ? TWILIO_CODES[code] : undefined;
    if (mapped) return { key: mapped, raw: text };
    if (m?.[1] === '401') return { key: 'twilioAuth', raw: text };
    if (m?.[1] === '429') return { key: 'rateLimited', raw: text };
  }
  for (const [pattern, key] of SMTP_CODES) if (pattern.test(text)) return { key, raw: text };
  // classifySmtpError's label: "<code> <responseCode>: <reply>".
  const reply = /^\w+ (\d{3}):/.exec(text)?.[1];
  if (reply === '535' || reply === '534' || reply === '530') return { key: 'auth', raw: text };
  if (reply?.startsWith('4')) return { key: 'temporary', raw: text };
  if (reply?.startsWith('5')) return { key: 'rejected', raw: text };
  return { key: 'unknown', raw: text };
}
