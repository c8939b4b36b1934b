// The messaging service of the core: the saved SMTP/Twilio settings, the senders built from
// them (rebuilt when the settings change), the outbox outbox worker, and the Settings page's
// checks (verify SMTP, send a test message) which return what really happened. When the
// outbox worker cannot work (secrets it cannot open, the backend unreachable) the problem is kept
// and reported, so Settings and the inbox can say why nothing goes out.
import type { AppError as AppErrorData } from '../../../shared/contract/schemas';
import type { Gateway } from '../../core/backend/gateway';
import { AppError } from '../../core/errors/appError';
import { toAppErrorData } from '../../core/errorData';
import type { SecretBox } from '../../core/storage/secretBox';
import { MessagingSecretStore, type MessagingSettingsInput, type MessagingStatus } from './secretStore';
import { OutboxWorker, type OutboxWorkerOptions, type Senders } from './outboxWorker';
import { createEmailSender, signsInWithoutTls, type EmailSenderOptions } from './emailSender';
import { createSmsSender, type SmsSenderOptions } from './smsSender';
import { renderMessage, type Locale } from './templates';
import type { DeliveryChannel } from '../../../shared/domain/vocabularies';

export interface MessagingOptions {
  dataDir: string;
  box: SecretBox;
  gateway: Gateway;
  email?: EmailSenderOptions;
  sms?: SmsSenderOptions;
  outboxWorker?: Partial<Omit<OutboxWorkerOptions, 'gateway' | 'senders' | 'onError' | 'onPass'>>;
  /** Called when the outbox worker's problem appears, changes or clears (null). */
  onProblem?: (problem: AppErrorData | null) => void;
}

export const cleartextAuthError = () =>
  new AppError(
    'smtp_cleartext_auth',
    'SMTP sign-in (user name and password) to another computer needs TLS or STARTTLS: without encryption anyone on the network can read the password. Choose TLS or STARTTLS, or leave the user empty for a server that needs no sign-in.',
    'Başka bir bilgisayardaki SMTP sunucusunda oturum açmak (kullanıcı adı ve parola) TLS ya da STARTTLS gerektirir: şifrelenmemiş bağlantıda parolayı ağdaki herkes okuyabilir. TLS ya da STARTTLS seçin ya da oturum açma istemeyen bir sunucu için kullanıcı adını boş bırakın.',
  );

export class Messaging {
  readonly store: MessagingSecretStore;
  readonly outboxWorker: OutboxWorker;
  private current?: Senders;
  private problem: AppErrorData | null = null;
  private active = false;
  private switching: Promise<void> = Promise.resolve();

  constructor(private readonly options: MessagingOptions) {
    this.store = new MessagingSecretStore(options.dataDir, options.box);
    this.outboxWorker = new OutboxWorker({
      ...options.outboxWorker,
      gateway: options.gateway,
      senders: () => this.senders(),
      onError: (err) => this.setProblem(toAppErrorData(err)),
      onPass: () => this.setProblem(null),
    });
  }

  /** Flags and non-secret fields, and what stops sending: the only view of the settings the renderer gets. */
  status(): MessagingStatus {
    const status = this.store.status();
    return this.problem ? { ...status, problem: this.problem } : status;
  }

  /** Refuses settings that must not be saved (cleartext SMTP sign-in), before anything is written. */
  check(input: MessagingSettingsInput): void {
    if (input.smtp && signsInWithoutTls(input.smtp)) throw cleartextAuthError();
  }

  /** Saves the settings; the worker restarts with the channels they allow (none: it stops). */
  async save(input: MessagingSettingsInput): Promise<MessagingStatus> {
    this.check(input);
    this.store.save(input);
    this.closeSenders();
    // New settings: the old problem may be gone; the restarted worker tells.
    await this.setActive(this.active);
    return this.status();
  }

  private setProblem(problem: AppErrorData | null): void {
    if (JSON.stringify(problem) === JSON.stringify(this.problem)) return;
    this.problem = problem;
    this.options.onProblem?.(problem);
  }

  senders(): Senders {
    if (!this.current) {
      const { smtp, twilio } = this.store.load();
      this.current = {
        email: smtp ? createEmailSender(smtp, this.options.email) : undefined,
        sms: twilio && (twilio.from || twilio.messagingServiceSid) ? createSmsSender(twilio, this.options.sms) : undefined,
      };
    }
    return this.current;
  }

  async verifySmtp(): Promise<{ ok: boolean; error?: string }> {
    const email = this.senders().email;
    if (!email) return { ok: false, error: 'not_configured' };
    return await email.verify();
  }

  /** Sends one real message through the saved settings (bypassing the outbox) and says how it went. */
  async sendTest(
    channel: DeliveryChannel,
    to: string,
    locale: Locale = 'tr',
    /** The addressee's name when known (a test sent to oneself); otherwise the greeting has none. */
    name?: string,
  ): Promise<{ ok: boolean; providerId?: string; error?: string }> {
    const message = await renderMessage('notification', locale, {
      name,
      title: locale === 'tr' ? 'Kafkasder Paneli deneme iletisi' : 'Kafkasder Panel test message',
      body: locale === 'tr' ? 'Bu ileti ayarları denemek için gönderildi.' : 'This message was sent to test the settings.',
    });
    const senders = this.senders();
    const sender = channel === 'email' ? senders.email : senders.sms;
    if (!sender) return { ok: false, error: 'not_configured' };
    const outcome =
      channel === 'email'
        ? await senders.email!.send({ to, subject: message.subject, text: message.text, html: message.html })
        : await senders.sms!.send({ to, body: message.sms });
    return outcome.ok ? { ok: true, providerId: outcome.providerId } : { ok: false, error: outcome.error };
  }

  /**
   * Sends for the signed-in person while this PC can send a channel (`true`), or stops (`false`).
   * Each call starts over: a new person gets a fresh worker and none of the last one's problems.
   */
  setActive(active: boolean): Promise<void> {
    this.active = active;
    this.switching = this.switching.then(() => this.apply());
    return this.switching;
  }

  /** Starts sending if this PC can (the bulk-send job asks it after enqueuing). */
  start(): Promise<void> {
    return this.setActive(true);
  }

  /** Stops claiming (signed out, or an observer signed in); `start` resumes. */
  async pause(): Promise<void> {
    await this.setActive(false);
  }

  /** Brings the worker in line with `active` and the channels the saved settings allow. */
  private async apply(): Promise<void> {
    await this.outboxWorker.stop();
    this.setProblem(null);
    if (!this.active) return;
    try {
      // Without a channel the worker does not run: the deliveries wait for a PC that can send them.
      this.outboxWorker.start();
    } catch (err) {
      // Settings this host cannot open: nothing is claimed, and Settings and the inbox say why.
      this.setProblem(toAppErrorData(err));
    }
  }

  async close(): Promise<void> {
    this.active = false;
    await this.switching;
    await this.outboxWorker.stop();
    this.closeSenders();
  }

  private closeSenders(): void {
    const old = this.current;
    this.current = undefined;
    old?.email?.close();
    void old?.sms?.close();
  }
}
