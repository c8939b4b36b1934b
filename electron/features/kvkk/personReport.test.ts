// The readable access export: Turkish (or English) headings, Turkish display formats, and text the
// person or staff typed escaped, never markup.
import { describe, expect, test } from 'vitest';
import { personReportHtml, type PersonExport } from './personReport';

const at = (iso: string) => new Date(iso).getTime();

function exported(fullName: string): PersonExport {
  return {
    nationalId: '17291716060',
    generatedAt: at('2026-03-05T10:15:00'),
    generatedBy: 'Ayşe "Yılmaz"',
    counts: { beneficiaries: 1, donations: 1, consents: 1, messages: 1, history: 1, views: 1, requests: 0 },
    truncated: ['messages'],
    beneficiaries: [{ _id: 'b1', _creationTime: 0, fullName, nationalId: '17291716060', birthDate: '1980-07-09', householdSize: 1234, monthlyIncome: 1234567, category: 'engelli' }],
    donations: [{ _id: 'd1', _creationTime: 0, donorName: fullName, amount: 250000, currency: 'TRY', date: '2025-12-31' }],
    consents: [{ _id: 'c1', _creationTime: 0, subjectKey: 'tc:17291716060', purpose: 'sms', noticeVersion: 'v2', givenAt: at('2026-01-02T09:00:00'), method: 'paper', recordedById: 'u1', recordedByName: 'Ayşe', recordedAt: 0 }],
    messages: [{ _id: 'm1', channel: 'sms', destination: '+905321234567', template: 't', payload: {}, state: 'sent', createdAt: at('2026-02-03T08:05:00'), updatedAt: 0 }],
    history: [{ _id: 'h1', _creationTime: 0, collection: 'beneficiaries', recordId: 'b1', kind: 'import', runId: 'r1', actorName: 'Ayşe', at: at('2026-02-01T12:00:00'), changes: [{ field: 'fullName', after: fullName }] }],
    views: [{ recordId: 'b1', day: '2026-02-04', viewer: '<b>Veli</b>' }],
    requests: [],
  } as unknown as PersonExport;
}

describe('personReportHtml', () => {
  test('Turkish: headings, dd.MM.yyyy dates, Turkish numbers and money, option labels, a capped section named', () => {
    const html = personReportHtml(exported('Mehmet Demir'), 'tr');
    expect(html).toMatch(/^<!doctype html>\n<html lang="tr">/);
    expect(html).toContain('<h1>Kişisel veri erişim raporu</h1>');
    expect(html).toContain('<td>Mehmet Demir</td>');
    expect(html).toContain('<td>09.07.1980</td>');
    expect(html).toContain('<td>1.234</td>');
    expect(html).toContain('<td>12.345,67 ₺</td>');
    expect(html).toContain('<td>2.500,00 ₺</td>');
    expect(html).toContain('<td>31.12.2025</td>');
    expect(html).toContain('<td>Engelli</td>');
    expect(html).toContain('<td>SMS</td><td>v2</td><td>02.01.2026</td><td>Yazılı form</td>');
    expect(html).toContain('<td>03.02.2026 08:05</td>');
    expect(html).toContain('<dd>05.03.2026 10:15</dd>');
    expect(html).toContain('Bu bölümler sınırda kesildi, tamamı için yeniden isteyin: Gönderilen iletiler');
    expect(html).toContain('<h2>Açık rızalar (1)</h2>');
    // Channels, delivery states and history kinds named as the inbox and the record's page name them.
    expect(html).toContain('<td>SMS</td><td>+905321234567</td><td></td><td>Gönderildi</td>');
    expect(html).toContain('<td>01.02.2026 12:00</td><td>İçe aktarma (r1)</td><td>Ayşe</td><td>Ad Soyad</td>');
  });

  test('English when the UI is English, with the same day-first dates and English number grouping', () => {
    const html = personReportHtml(exported('Mehmet Demir'), 'en');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<h1>Personal data access report</h1>');
    expect(html).toContain('<td>1,234</td>');
    expect(html).toContain('<td>₺12,345.67</td>');
    expect(html).toContain('<td>09.07.1980</td>');
    expect(html).toContain('<td>Disabled</td>');
    expect(html).toContain('<td>Paper form</td>');
    expect(html).toContain('<td>Import (r1)</td>');
  });

  test('a name like <script> is text, not markup; the page runs no script and loads nothing', () => {
    const html = personReportHtml(exported('<script>alert("x")</script> & Co'), 'tr');
    expect(html).not.toContain('<script');
    expect(html).toContain('<td>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co</td>');
    expect(html).toContain('<td>&lt;b&gt;Veli&lt;/b&gt;</td>');
    expect(html).toContain('<dd>Ayşe &quot;Yılmaz&quot;</dd>');
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).not.toMatch(/\b(src|href)=/);
  });
});
