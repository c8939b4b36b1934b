import i18next from 'i18next';
import { describe, expect, test } from 'vitest';
import { inboxEn, inboxTr } from './inboxMessages';

function keysOf(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keysOf(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe('the inbox messages', () => {
  test('Turkish and English have the same keys', () => {
    expect(keysOf(inboxEn)).toEqual(keysOf(inboxTr));
  });

  test('register themselves once i18next is initialised', async () => {
    await i18next.init({ lng: 'tr', resources: { tr: { translation: {} }, en: { translation: {} } } });
    expect(i18next.t('inbox.kinds.gorev')).toBe('Görev');
    expect(i18next.getFixedT('en')('inbox.kinds.gorev')).toBe('Task');
  });
});
