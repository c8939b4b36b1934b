import { describe, expect, it } from 'vitest';
import { renderMessage, TEMPLATE_NAMES } from './templates';

describe('message templates', async () => {
  it('render every template in both languages with text, html and sms', async () => {
    for (const name of TEMPLATE_NAMES) {
      for (const locale of ['tr', 'en'] as const) {
        const m = await renderMessage(name, locale, { name: 'Ayşe', title: 'Şubat', body: 'Gündem', url: 'https://x.test/r', code: '123456' });
        expect(m.subject.length).toBeGreaterThan(0);
        expect(m.text).toContain('Ayşe');
        expect(m.html).toContain(`<html lang="${locale}">`);
        expect(m.sms.length).toBeGreaterThan(0);
      }
    }
  });

  it('escape values in html only, and format meeting times in Turkish time', async () => {
    const at = Date.parse('2025-02-14T11:30:00Z');
    const m = await renderMessage('meeting_reminder', 'tr', { name: '<b>Ali</b>', title: 'Şubat & "bütçe"', body: 'a\nb', scheduledFor: at });
    expect(m.subject).toBe('Toplantı hatırlatması: Şubat & "bütçe"');
    expect(m.text).toContain('Merhaba <b>Ali</b>');
    expect(m.html).toContain('Merhaba &lt;b&gt;Ali&lt;/b&gt;');
    expect(m.html).toContain('Şubat &amp; &quot;bütçe&quot;');
    expect(m.html).toContain('a<br>b');
    expect(m.text).toContain('14 Şubat 2025 14:30');
    const en = await renderMessage('task_assignment', 'en', { name: 'Ali', title: 'İğdır' });
    expect(en.subject).toBe('Task assigned: İğdır');
  });

  it('greet by name, and without a dangling comma when the name is missing or blank', async () => {
    for (const name of TEMPLATE_NAMES) {
      for (const locale of ['tr', 'en'] as const) {
        const hello = locale === 'tr' ? 'Merhaba' : 'Hello';
        for (const missing of [undefined, '', '   ', null]) {
          const m = await renderMessage(name, locale, { name: missing, title: 'Şubat' });
          expect(m.text.startsWith(`${hello},\n`)).toBe(true);
          expect(m.html).toContain(`<p>${hello},</p>`);
          expect(`${m.text}${m.html}`).not.toMatch(/(Merhaba|Hello)\s+,/);
        }
        expect((await renderMessage(name, locale, { name: '  Ayşe   Öztürk ', title: 'Şubat' })).text.startsWith(`${hello} Ayşe Öztürk,\n`)).toBe(true);
      }
    }
    const anonymous = await renderMessage('task_assignment', 'tr', { name: 'Ali', from: ' ', title: 'Saha' });
    expect(anonymous.text).toContain('Size yeni bir görev atandı: Saha');
    expect((await renderMessage('task_assignment', 'tr', { name: 'Ali', from: 'Ayşe', title: 'Saha' })).text).toContain('Ayşe size yeni bir görev atadı: Saha');
  });
});
