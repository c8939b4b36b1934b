// The messaging service of the core: the saved SMTP/Twilio settings, the senders built from
// them (rebuilt when the settings change), the outbox dispatcher, and the Settings page's
// checks (verify SMTP, send a test message) which return what really happened.
import type { Gateway } from '../backend/gateway';
import {
  MessagingSecretStore,
  type MessagingSettingsInput,
  type MessagingStatus,
  type SecretBox,
} from '../settings/secretStore';
import { Dispatcher, type DispatcherOptions, type Senders } from './dispatcher';
import { createEmailSender, type EmailSenderOptions } from './emailSender';
import { createSmsSender, type SmsSenderOptions } from './smsSender';
import { renderMessage, type Locale } from './templates';

export interface MessagingOptions {
  dataDir: string;
  box: SecretBox;
  gateway: Gateway;
  email?: EmailSenderOptions;
  sms?: SmsSenderOptions;
  dispatcher?: Partial<Omit<DispatcherOptions, 'gateway' | 'senders'>>;
}

export class Messaging {
  readonly store: MessagingSecretStore;
  readonly dispatcher: Dispatcher;
  private current?: Senders;

  constructor(private readonly options: MessagingOptions) {
    this.store = new MessagingSecretStore(options.dataDir, options.box);
    this.dispatcher = new Dispatcher({ ...options.dispatcher, gateway: options.gateway, senders: () => this.senders() });
  }

  /** Flags and non-secret fields: the only view of the settings the renderer gets. */
  status(): MessagingStatus {
    return this.store.status();
  }

  save(input: MessagingSettingsInput): MessagingStatus {
    const status = this.store.save(input);
    this.closeSenders();
    return status;
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
  async sendTest(channel: 'email' | 'sms', to: string, locale: Locale = 'tr'): Promise<{ ok: boolean; providerId?: string; error?: string }> {
    const message = renderMessage('notification', locale, {
      name: '',
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

  start(): void {
    this.dispatcher.start();
  }

  async close(): Promise<void> {
    await this.dispatcher.stop();
    this.closeSenders();
  }

  private closeSenders(): void {
    const old = this.current;
    this.current = undefined;
    old?.email?.close();
    void old?.sms?.close();
  }
}
