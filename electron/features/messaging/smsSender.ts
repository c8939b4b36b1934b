// SMS through Twilio's helper library. A Bottleneck limiter paces requests and retries HTTP 429
// itself (Twilio's own autoRetry stays off, so only one layer retries); anything else goes back
// to the outbox classified: Twilio's "invalid number", "not a mobile" and "unsubscribed"
// (21211, 21614, 21610) and other 4xx replies are final, 5xx and network errors are retried.
// twilio is loaded at the first send: every core start builds a sender, and most never send.
import Bottleneck from 'bottleneck';
import type twilio from 'twilio';
import { normalizeTurkishMobile } from '../../../shared/domain';
import type { TwilioSettings } from './secretStore';
import { permanent, retryable, type SendOutcome } from './sendOutcome';

export const PERMANENT_TWILIO_CODES = new Set([21211, 21614, 21610]);

export interface SmsSender {
  send(message: { to: string; body: string }): Promise<SendOutcome>;
  close(): Promise<void>;
}

export interface SmsSenderOptions {
  /** A custom HTTP client (tests point it at a loopback peer). */
  httpClient?: InstanceType<typeof twilio.RequestClient>;
  /** Minimum ms between requests and how many may be in flight. */
  minTime?: number;
  maxConcurrent?: number;
  /** 429 handling: retries and the first delay (doubled each time). */
  retries429?: number;
  retryDelayMs?: number;
}

interface TwilioError {
  status?: number;
  code?: number | string;
  message?: string;
}

export function classifyTwilioError(err: unknown): SendOutcome {
  const e = (err ?? {}) as TwilioError;
  const label = `${e.status ?? 'ERROR'}${typeof e.code === 'number' ? ` (${e.code})` : ''}: ${(e.message ?? String(err)).slice(0, 500)}`;
  if (typeof e.code === 'number' && PERMANENT_TWILIO_CODES.has(e.code)) return permanent(label);
  if (typeof e.status === 'number') {
    if (e.status === 429 || e.status >= 500) return retryable(label);
    if (e.status >= 400) return permanent(label);
  }
  return retryable(label);
}

const is429 = (err: unknown) => (err as TwilioError | undefined)?.status === 429;

export function createSmsSender(settings: TwilioSettings, options: SmsSenderOptions = {}): SmsSender {
  let client: Promise<ReturnType<typeof twilio>> | null = null;
  const open = () =>
    (client ??= import('twilio').then(({ default: load }) =>
      load(settings.accountSid, settings.authToken, {
        ...(options.httpClient ? { httpClient: options.httpClient } : {}),
        autoRetry: false,
      }),
    ));
  const limiter = new Bottleneck({ maxConcurrent: options.maxConcurrent ?? 1, minTime: options.minTime ?? 100 });
  const retries = options.retries429 ?? 3;
  const delay = options.retryDelayMs ?? 1_000;
  limiter.on('failed', (err: unknown, job: { retryCount: number }) => (is429(err) && job.retryCount < retries ? delay * 2 ** job.retryCount : undefined));

  return {
    async send({ to, body }) {
      const e164 = normalizeTurkishMobile(to);
      if (e164 === null) return permanent(`invalid Turkish mobile number: ${to}`);
      const sender = settings.messagingServiceSid ? { messagingServiceSid: settings.messagingServiceSid } : { from: settings.from! };
      try {
        const twilioClient = await open();
        const message = await limiter.schedule(() => twilioClient.messages.create({ to: e164, body, ...sender }));
        return { ok: true, providerId: message.sid };
      } catch (err) {
        return classifyTwilioError(err);
      }
    },
    close: () => limiter.stop({ dropWaitingJobs: true }),
  };
}
