// Numbers and dates as office staff read and type them, in the UI language (Turkish groups
// thousands with dots and writes dates dd.MM.yyyy).
export const locale = (lang: string): string => (lang === 'en' ? 'en-GB' : 'tr-TR');

export const formatCount = (n: number, lang: string): string => n.toLocaleString(locale(lang));

/** 'dd.mm.yyyy' as the date picker shows it → ISO; '' (cleared) → undefined. */
export function dottedToIso(text: string): string | undefined {
  const m = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(text);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : undefined;
}
