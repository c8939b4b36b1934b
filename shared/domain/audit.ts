// Every action an audit entry can name. convex/lib/audit.ts accepts only these, and the Audit
// page has a Turkish and an English name for each (renderer/src/i18n/tr.test.ts), so
// no entry reaches the page as a bare code.
import { DSR_EVENT_KINDS } from './kvkk';

export const AUDIT_ACTIONS = [
  'import',
  'import_undo',
  'export',
  'bulk_send',
  'settings_change',
  'account_change',
  'sign_in',
  'sign_in_failed',
  'setup_claimed',
  'setup_failed',
  'outbox_claim',
  'notification_create',
  'record_view',
  'record_list',
  'record_search',
  'record_edit',
  'record_create',
  'record_delete',
  'record_restore',
  ...DSR_EVENT_KINDS.map((kind) => `dsr_${kind}` as const),
  'consent_record',
  'consent_withdraw',
  'person_export',
  'retention_change',
  'retention_run',
  'person_erase',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
