// Message templates in Turkish and English. One Handlebars source per message renders three
// ways: the plain-text body (no escaping), the HTML body (every value HTML-escaped, then laid
// out), and a short SMS text. Values come from the delivery's payload. Handlebars is loaded at the
// first message rendered: every core start loads this module, and most never send.
import type Handlebars from 'handlebars';
import { MESSAGE_TEMPLATES as TEMPLATE_NAMES, type Lang } from '../../../shared/domain/vocabularies';

export { TEMPLATE_NAMES };
export type Locale = Lang;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

interface Source {
  subject: string;
  body: string;
  sms: string;
}

const SOURCES: Record<TemplateName, Record<Locale, Source>> = {
  welcome: {
    tr: {
      subject: 'Kafkasder Paneline hoş geldiniz',
      body: 'Merhaba{{#if name}} {{name}}{{/if}},\n\nKafkasder Paneli hesabınız oluşturuldu.{{#if url}}\nGiriş için: {{url}}{{/if}}\n\nKafkasder',
      sms: 'Kafkasder Paneline hoş geldiniz, {{name}}.',
    },
    en: {
      subject: 'Welcome to Kafkasder Panel',
      body: 'Hello{{#if name}} {{name}}{{/if}},\n\nYour Kafkasder Panel account has been created.{{#if url}}\nSign in at: {{url}}{{/if}}\n\nKafkasder',
      sms: 'Welcome to Kafkasder Panel, {{name}}.',
    },
  },
  password_reset: {
    tr: {
      subject: 'Şifre sıfırlama',
      body: 'Merhaba{{#if name}} {{name}}{{/if}},\n\nŞifrenizi sıfırlamak için{{#if code}} kodunuz: {{code}}{{/if}}{{#if url}} bağlantı: {{url}}{{/if}}\nBu isteği siz yapmadıysanız bu iletiyi yok sayın.\n\nKafkasder',
      sms: 'Kafkasder şifre sıfırlama kodunuz: {{code}}',
    },
    en: {
      subject: 'Password reset',
      body: 'Hello{{#if name}} {{name}}{{/if}},\n\nTo reset your password{{#if code}} use the code: {{code}}{{/if}}{{#if url}} follow: {{url}}{{/if}}\nIf you did not ask for this, ignore this message.\n\nKafkasder',
      sms: 'Your Kafkasder password reset code: {{code}}',
    },
  },
  notification: {
    tr: {
      subject: '{{title}}',
      body: 'Merhaba{{#if name}} {{name}}{{/if}},\n\n{{title}}{{#if body}}\n\n{{body}}{{/if}}\n\nKafkasder',
      sms: '{{title}}{{#if body}}: {{body}}{{/if}}',
    },
    en: {
      subject: '{{title}}',
      body: 'Hello{{#if name}} {{name}}{{/if}},\n\n{{title}}{{#if body}}\n\n{{body}}{{/if}}\n\nKafkasder',
      sms: '{{title}}{{#if body}}: {{body}}{{/if}}',
    },
  },
  meeting_reminder: {
    tr: {
      subject: 'Toplantı hatırlatması: {{title}}',
      body: 'Merhaba{{#if name}} {{name}}{{/if}},\n\n"{{title}}" toplantısı{{#if scheduledFor}} {{date scheduledFor}}{{/if}} yapılacak.{{#if body}}\n\n{{body}}{{/if}}\n\nKafkasder',
      sms: 'Toplantı hatırlatması: {{title}}{{#if scheduledFor}}, {{date scheduledFor}}{{/if}}',
    },
    en: {
      subject: 'Meeting reminder: {{title}}',
      body: 'Hello{{#if name}} {{name}}{{/if}},\n\nThe meeting "{{title}}" takes place{{#if scheduledFor}} on {{date scheduledFor}}{{/if}}.{{#if body}}\n\n{{body}}{{/if}}\n\nKafkasder',
      sms: 'Meeting reminder: {{title}}{{#if scheduledFor}}, {{date scheduledFor}}{{/if}}',
    },
  },
  task_assignment: {
    tr: {
      subject: 'Görev atandı: {{title}}',
      body: 'Merhaba{{#if name}} {{name}}{{/if}},\n\n{{#if from}}{{from}} size yeni bir görev atadı{{else}}Size yeni bir görev atandı{{/if}}: {{title}}{{#if body}}\n\n{{body}}{{/if}}\n\nKafkasder',
      sms: 'Görev atandı: {{title}}',
    },
    en: {
      subject: 'Task assigned: {{title}}',
      body: 'Hello{{#if name}} {{name}}{{/if}},\n\n{{#if from}}{{from}} assigned you a new task{{else}}A new task was assigned to you{{/if}}: {{title}}{{#if body}}\n\n{{body}}{{/if}}\n\nKafkasder',
      sms: 'Task assigned: {{title}}',
    },
  },
  report_ready: {
    tr: {
      subject: 'Rapor hazır: {{title}}',
      body: 'Merhaba{{#if name}} {{name}}{{/if}},\n\n"{{title}}" raporu hazır.{{#if body}}\n\n{{body}}{{/if}}\n\nKafkasder',
      sms: 'Rapor hazır: {{title}}',
    },
    en: {
      subject: 'Report ready: {{title}}',
      body: 'Hello{{#if name}} {{name}}{{/if}},\n\nThe report "{{title}}" is ready.{{#if body}}\n\n{{body}}{{/if}}\n\nKafkasder',
      sms: 'Report ready: {{title}}',
    },
  },
};

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
  sms: string;
}

type HandlebarsModule = typeof Handlebars;
let loaded: Promise<HandlebarsModule> | null = null;
const loadHandlebars = (): Promise<HandlebarsModule> => (loaded ??= import('handlebars').then((m) => m.default));

function instance(Handlebars: HandlebarsModule, locale: Locale): HandlebarsModule {
  const hb = Handlebars.create();
  // Times are shown in Turkey's time zone, where the association works.
  const fmt = new Intl.DateTimeFormat(locale === 'tr' ? 'tr-TR' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Istanbul' });
  hb.registerHelper('date', (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? fmt.format(new Date(value)) : ''));
  return hb;
}

type Delegate = Handlebars.TemplateDelegate;
type Compiled = { subject: Delegate; text: Delegate; html: Delegate; sms: Delegate };
const cache = new Map<string, Compiled>();

function compiled(Handlebars: HandlebarsModule, name: TemplateName, locale: Locale): Compiled {
  const key = `${name}:${locale}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const src = SOURCES[name][locale];
  const plain = instance(Handlebars, locale);
  const escaped = instance(Handlebars, locale);
  // Subjects and SMS are plain text: no escaping, and no HTML is ever built from them unescaped.
  const made: Compiled = {
    subject: plain.compile(src.subject, { noEscape: true }),
    text: plain.compile(src.body, { noEscape: true }),
    html: escaped.compile(src.body),
    sms: plain.compile(src.sms, { noEscape: true }),
  };
  cache.set(key, made);
  return made;
}

export const isTemplateName = (name: unknown): name is TemplateName => typeof name === 'string' && (TEMPLATE_NAMES as readonly string[]).includes(name);

/**
 * Greetings say "Merhaba Ayşe," or just "Merhaba," — never "Merhaba ," — so a name that is only
 * spaces (or not a string) counts as missing, and a real one is trimmed.
 */
function withGreetingName(values: Record<string, unknown>): Record<string, unknown> {
  const { name, from, ...rest } = values;
  const clean = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim().replace(/\s+/g, ' ') : undefined);
  const n = clean(name);
  const f = clean(from);
  return { ...rest, ...(n ? { name: n } : {}), ...(f ? { from: f } : {}) };
}

/** Renders a template; unknown templates throw, missing values render empty. */
export async function renderMessage(name: TemplateName, locale: Locale, raw: Record<string, unknown>): Promise<RenderedMessage> {
  const Handlebars = await loadHandlebars();
  const c = compiled(Handlebars, name, locale);
  const values = withGreetingName(raw);
  const subject = c.subject(values).replace(/\s+/g, ' ').trim();
  const text = c.text(values);
  // The body was escaped value by value; paragraphs and line breaks become markup here.
  const paragraphs = c
    .html(values)
    .split(/\n{2,}/)
    .map((p) => `<p>${p.replace(/\n/g, '<br>')}</p>`)
    .join('\n');
  const html = `<!doctype html>\n<html lang="${locale}"><head><meta charset="utf-8"><title>${Handlebars.escapeExpression(subject)}</title></head>\n<body style="font-family:sans-serif">\n${paragraphs}\n</body></html>\n`;
  return { subject, text, html, sms: c.sms(values).replace(/\s+/g, ' ').trim() };
}
