// SMTP and Twilio settings, kept in messaging.json in the data folder (owner-only). Passwords
// and tokens are encrypted with the host's SecretBox: Electron main passes one built on
// safeStorage; web mode and the CLI use the plain box, whose label says so. Only
// `messagingStatus()` is for the renderer: flags and non-secret fields, never a secret.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export interface SecretBox {
  encrypt(plain: string): Buffer;
  decrypt(buf: Buffer): string;
  /** Shown in Settings: how the secrets are protected on this PC. */
  label: string;
}

/** For hosts without an OS keychain: the file's permissions are the only protection. */
export const plainSecretBox: SecretBox = {
  label: 'file (0600), not encrypted',
  encrypt: (plain) => Buffer.from(plain, 'utf8'),
  decrypt: (buf) => buf.toString('utf8'),
};

export type SmtpSecure = 'tls' | 'starttls' | 'none';

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

export interface MessagingStatus {
  email: { configured: boolean; host?: string; port?: number; secure?: SmtpSecure; user?: string; from?: string };
  /** The account SID names the account, it does not unlock it: shown so the form need not ask again. */
  sms: { configured: boolean; accountSid?: string; from?: string; messagingServiceSid?: string };
  secretStorage: string;
}

/** What the settings form sends: secrets may be omitted to keep the saved ones; null clears a channel. */
export interface MessagingSettingsInput {
  smtp?: (Omit<SmtpSettings, 'password'> & { password?: string }) | null;
  twilio?: (Omit<TwilioSettings, 'authToken'> & { authToken?: string }) | null;
}

const sealed = z.string(); // base64 of the box's output
const fileShape = z.object({
  version: z.literal(1),
  smtp: z
    .object({
      host: z.string(),
      port: z.number(),
      secure: z.enum(['tls', 'starttls', 'none']),
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

export class SecretStoreError extends Error {}

export class MessagingSecretStore {
  readonly file: string;

  constructor(
    readonly dir: string,
    private readonly box: SecretBox,
  ) {
    this.file = join(dir, 'messaging.json');
  }

  /** The settings with secrets decrypted, for the main process only. */
  load(): MessagingSecrets {
    const raw = this.read();
    const open = (s: string) => this.box.decrypt(Buffer.from(s, 'base64'));
    return {
      smtp: raw.smtp ? { ...raw.smtp, password: raw.smtp.password === undefined ? undefined : open(raw.smtp.password) } : undefined,
      twilio: raw.twilio ? { ...raw.twilio, authToken: open(raw.twilio.authToken) } : undefined,
    };
  }

  save(input: MessagingSettingsInput): MessagingStatus {
    const current = this.load();
    const next: MessagingSecrets = { ...current };
    if (input.smtp === null) next.smtp = undefined;
    else if (input.smtp) {
      const keep = current.smtp && current.smtp.host === input.smtp.host && current.smtp.user === input.smtp.user;
      next.smtp = { ...input.smtp, password: input.smtp.password ?? (keep ? current.smtp?.password : undefined) };
    }
    if (input.twilio === null) next.twilio = undefined;
    else if (input.twilio) {
      const authToken = input.twilio.authToken ?? (current.twilio?.accountSid === input.twilio.accountSid ? current.twilio.authToken : undefined);
      if (!authToken) throw new SecretStoreError('twilio.authToken is required for a new account');
      next.twilio = { ...input.twilio, authToken };
    }
    const seal = (s: string) => this.box.encrypt(s).toString('base64');
    const out: FileShape = {
      version: 1,
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
    const { smtp, twilio } = this.read();
    return {
      email: smtp ? { configured: true, host: smtp.host, port: smtp.port, secure: smtp.secure, user: smtp.user, from: smtp.from } : { configured: false },
      sms: twilio
        ? { configured: true, accountSid: twilio.accountSid, from: twilio.from, messagingServiceSid: twilio.messagingServiceSid }
        : { configured: false },
      secretStorage: this.box.label,
    };
  }

  private read(): FileShape {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return { version: 1 };
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const parsed = fileShape.safeParse(json);
    if (!parsed.success) throw new SecretStoreError(`${this.file} is not a messaging settings file`);
    return parsed.data;
  }
}

/** Shorthand for the renderer's view of the store. */
export function messagingStatus(store: MessagingSecretStore): MessagingStatus {
  return store.status();
}
