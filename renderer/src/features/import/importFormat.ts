// Sizes and durations as office staff read them, in the UI language (counts: ui/format.ts).
import type { TFunction } from 'i18next';
import { ClientError } from '../../client/client';
import { locale } from '../../ui/format';

export function formatBytes(bytes: number, lang: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toLocaleString(locale(lang), { maximumFractionDigits: unit === 0 ? 0 : 1 })} ${units[unit]}`;
}

export function formatSeconds(seconds: number, t: TFunction): string {
  const s = Math.max(0, Math.round(seconds));
  return s < 60 ? t('import.seconds', { n: s }) : t('import.minutes', { m: Math.floor(s / 60), s: s % 60 });
}

/** An error from the core in the UI language, anything else as its text. */
export function errorText(err: unknown, lang: string): string {
  if (err instanceof ClientError) return err.localized(lang);
  return err instanceof Error ? err.message : String(err);
}
