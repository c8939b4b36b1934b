// The Audit page names what an entry is about: a retention run's category, the retention
// settings, the KVKK desk's tables, in Turkish or English; never a bare code.
import { expect, test } from 'vitest';
import { RETENTION_CATEGORIES } from '../../../../shared/domain/retention';
import { auditCollectionName, auditSummaryText } from './auditText';

test.each(RETENTION_CATEGORIES)('retention category %s has a Turkish and an English name on the Audit page', (category) => {
  const names = [auditCollectionName(category, 'tr'), auditCollectionName(category, 'en')];
  for (const name of names) expect(name).not.toBe(category);
  expect(names[0]).not.toBe(names[1]);
});

test('every subject the server writes has a name; an unknown one shows as it is', () => {
  for (const code of ['beneficiaries', 'donations', 'financeRecords', 'consents', 'dataRequests', 'deliveries', 'workflowNotifications', 'notificationPreferences', 'messaging', 'local', 'retention']) {
    expect(auditCollectionName(code, 'tr')).not.toBe(code);
    expect(auditCollectionName(code, 'en')).not.toBe(code);
  }
  expect(auditCollectionName('retention', 'tr')).toBe('Saklama süreleri');
  expect(auditCollectionName('settled_deliveries', 'en')).toBe('Sent messages');
  expect(auditCollectionName('somethingNew', 'tr')).toBe('somethingNew');
});

test('retention entries: the method and the changed categories by name, numbers and dates in display formats', () => {
  const cutoff = new Date(2026, 5, 9, 4, 15).getTime();
  expect(auditSummaryText('retention_run', { method: 'anonymised', count: 1234, days: 180, cutoff }, 'tr')).toBe(
    'Yöntem: anonimleştirildi · Adet: 1.234 · Saklama süresi: 180 gün · Bu tarihten eskiler: 09.06.2026 04:15',
  );
  expect(auditSummaryText('retention_run', { method: 'deleted', count: 1234, days: 1825, cutoff }, 'en')).toBe(
    'Method: deleted · Count: 1,234 · Period: 1,825 days · Older than: 09.06.2026 04:15',
  );
  expect(auditSummaryText('retention_change', { changed: { notifications: { from: 365, to: 90 }, closed_requests: { from: 1095, to: 1460 } } }, 'tr')).toBe(
    'Bildirimler: 365 gün → 90 gün · Kapanmış KVKK başvuruları: 1.095 gün → 1.460 gün',
  );
  expect(auditSummaryText('import', { fileName: 'a.csv', status: 'completed', counts: { inserted: 1 } }, 'tr')).toBe('fileName: a.csv · status: completed');
});
