// SMTP and Twilio settings, kept in messaging.json in the data folder (owner-only). Passwords
// and tokens are encrypted with the host's SecretBox: Electron main passes one built on
// safeStorage; web mode and the CLI use the plain box. The file records which kind of box sealed
// it, and a host with another kind refuses to open it (web mode would read safeStorage
// ciphertext as garbage, and could rewrite it as plain text) with a message saying so. Only
// `status()` is for the renderer: flags and non-secret fields, never a secret.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { smtpSecure, type messagingStatus } from '../../../shared/contract/messaging';
import type { AppError as AppErrorData } from '../../../shared/contract/schemas';
import type { SmtpSecure } from '../../../shared/domain/vocabularies';
import type { SealedBy, SecretBox } from '../../core/storage/secretBox';

export interface SmtpSettings {
  host: string;
  port: number;
  secure: SmtpSecure;
  user?: string;
  password?: string;
  from: string;
}

export interface TwilioSettings {
  accountSid: string;
  authToken: string;
  from?: string;
  messagingServiceSid?: string;
}

export interface MessagingSecrets {
  smtp?: SmtpSettings;
  twilio?: TwilioSettings;
}

/** Flags and non-secret fields, and what stops sending: the only view of the settings the renderer gets. */
export type MessagingStatus = z.output<typeof messagingStatus>;

/** What the settings form sends: secrets may be omitted to keep the saved ones; null clears a channel. */
export interface MessagingSettingsInput {
  smtp?: (Omit<SmtpSettings, 'password'> & { password?: string }) | null;
  twilio?: (Omit<TwilioSettings, 'authToken'> & { authToken?: string }) | null;
}

const sealed = z.string(); // base64 of the box's output
const fileShape = z.object({
  // Version 1 files did not say how they were sealed.
  version: z.union([z.literal(1), z.literal(2)]),
  sealedBy: z.enum(['safeStorage', 'plain']).optional(),
  smtp: z
    .object({
      host: z.string(),
      port: z.number(),
      secure: smtpSecure,
      user: z.string().optional(),
      password: sealed.optional(),
      from: z.string(),
    })
    .optional(),
  twilio: z
    .object({ accountSid: z.string(), authToken: sealed, from: z.string().optional(), messagingServiceSid: z.string().optional() })
    .optional(),
});
type FileShape = z.infer<typeof fileShape>;

export class SecretStoreError extends Error {
  constructor(
    readonly code: string,
    messageEn: string,
    readonly messageTr: string,
  ) {
    super(messageEn);
    this.name = 'SecretStoreError';
  }

  toAppError(): AppErrorData {
    return { code: this.code, message: this.message, messageTr: this.messageTr };
  }
}

const SEALERS: Record<SealedBy | 'unknown', { en: string; tr: string }> = {
  safeStorage: { en: 'the desktop app (OS keychain)', tr: 'masaüstü uygulaması (işletim sistemi anahtarlığı)' },
  plain: { en: 'web mode or the command line (not encrypted)', tr: 'web modu ya da komut satırı (şifresiz)' },
  unknown: { en: 'an older version of the app', tr: 'uygulamanın eski bir sürümü' },
};

export function sealedElsewhereError(file: SealedBy | 'unknown', here: SealedBy): SecretStoreError {
  const by = SEALERS[file];
  const reader = here === 'safeStorage' ? { en: 'the desktop app', tr: 'masaüstü uygulaması' } : { en: 'web mode and the command line', tr: 'web modu ve komut satırı' };
  return new SecretStoreError(
    'secrets_sealed_elsewhere',
    `The e-mail/SMS passwords on this PC were saved by ${by.en}; ${reader.en} cannot open them, so no message is sent. Enter them again in Settings › E-mail and SMS.`,
    `Bu bilgisayardaki e-posta/SMS parolaları ${by.tr} tarafından kaydedilmiş; ${reader.tr} bunları açamaz, bu yüzden ileti gönderilmiyor. Ayarlar › E-posta ve SMS bölümünde yeniden girin.`,
  );
}

export class MessagingSecretStore {
  readonly file: string;

  constructor(
    readonly dir: string,
    private readonly box: SecretBox,
  ) {
    this.file = join(dir, 'messaging.json');
  }

  /** The settings with secrets decrypted, for the main process only. Refuses secrets sealed by another kind of box. */
  load(): MessagingSecrets {
    const raw = this.read();
    const mismatch = this.mismatch(raw);
    if (mismatch) throw mismatch;
    const open = (s: string) => this.box.decrypt(Buffer.from(s, 'base64'));
    return {
      smtp: raw.smtp ? { ...raw.smtp, password: raw.smtp.password === undefined ? undefined : open(raw.smtp.password) } : undefined,
      twilio: raw.twilio ? { ...raw.twilio, authToken: open(raw.twilio.authToken) } : undefined,
    };
  }

  save(input: MessagingSettingsInput): MessagingStatus {
    // Secrets this box cannot open are not kept: saving replaces them with ones it sealed itself.
    const current = this.mismatch(this.read()) ? {} : this.load();
    const next: MessagingSecrets = { ...current };
    if (input.smtp === null) next.smtp = undefined;
    else if (input.smtp) {
      const keep = current.smtp && current.smtp.host === input.smtp.host && current.smtp.user === input.smtp.user;
      // No user, no sign-in: a password without one is not kept.
      const password = input.smtp.user ? (input.smtp.password ?? (keep ? current.smtp?.password : undefined)) : undefined;
      next.smtp = { ...input.smtp, password };
    }
    if (input.twilio === null) next.twilio = undefined;
    else if (input.twilio) {
      const authToken = input.twilio.authToken ?? (current.twilio?.accountSid === input.twilio.accountSid ? current.twilio.authToken : undefined);
      if (!authToken) {
        throw new SecretStoreError('token_required', 'Enter the Twilio auth token for this account', 'Bu hesap için Twilio kimlik doğrulama anahtarını girin');
      }
      next.twilio = { ...input.twilio, authToken };
    }
    const seal = (s: string) => this.box.encrypt(s).toString('base64');
    const out: FileShape = {
      version: 2,
      sealedBy: this.box.sealedBy,
      smtp: next.smtp ? { ...next.smtp, password: next.smtp.password === undefined ? undefined : seal(next.smtp.password) } : undefined,
      twilio: next.twilio ? { ...next.twilio, authToken: seal(next.twilio.authToken) } : undefined,
    };
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(out, null, 2), { mode: 0o600 });
    renameSync(tmp, this.file);
    return this.status();
  }

  /** The renderer's view: configured flags and non-secret fields only. */
  status(): MessagingStatus {
    const raw = this.read();
    const { smtp, twilio } = raw;
    const mismatch = this.mismatch(raw);
    return {
      ...(mismatch ? { problem: mismatch.toAppError() } : {}),
      email: smtp ? { configured: true, host: smtp.host, port: smtp.port, secure: smtp.secure, user: smtp.user, from: smtp.from } : { configured: false },
      sms: twilio
        ? { configured: true, accountSid: twilio.accountSid, from: twilio.from, messagingServiceSid: twilio.messagingServiceSid }
        : { configured: false },
      secretStorage: this.box.protection,
    };
  }

  /** Secrets in the file that this box did not seal (nothing to say when the file holds no secret). */
  private mismatch(raw: FileShape): SecretStoreError | undefined {
    const hasSecrets = raw.smtp?.password !== undefined || raw.twilio !== undefined;
    const sealedBy = raw.sealedBy ?? 'unknown';
    return hasSecrets && sealedBy !== this.box.sealedBy ? sealedElsewhereError(sealedBy, this.box.sealedBy) : undefined;
  }

  private read(): FileShape {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return { version: 2 };
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const parsed = fileShape.safeParse(json);
    if (!parsed.success) {
      throw new SecretStoreError('settings_corrupt', `${this.file} is not a messaging settings file`, `${this.file} bir ileti ayarları dosyası değil`);
    }
    return parsed.data;
  }
}
