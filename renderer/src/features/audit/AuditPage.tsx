import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { auditEntry } from '../../../../shared/contract/schemas';
import { displayDateTime } from '../../../../shared/domain';
import { call } from '../../client/client';
import { useCursorPages } from '../../client/useCursorPages';
import { useEvent } from '../../client/useEvent';
import { CursorPager } from '../../ui/CursorPager';
import { auditCollectionName, auditSummaryText } from './auditText';

type Entry = z.infer<typeof auditEntry>;
const PAGE_SIZE = 25;

/** `ownOnly`: the server returns only the signed-in person's entries (anyone but an administrator); the page says so. */
export function AuditPage({ ownOnly }: { ownOnly: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'tr';
  const pages = useCursorPages<Entry>((cursor) => call('listAudit', { cursor, numItems: PAGE_SIZE }), [], i18n.language);
  useEvent('dataChanged', (e) => e.collection === 'auditLogs' && pages.reload());

  return (
    <section aria-labelledby="audit-title">
      <Typography.Title level={2} id="audit-title">
        {t('audit.title')}
      </Typography.Title>
      {ownOnly && <Typography.Paragraph type="secondary">{t('audit.ownOnly')}</Typography.Paragraph>}
      <Table<Entry>
        rowKey="id"
        loading={pages.loading}
        pagination={false}
        dataSource={pages.rows}
        locale={{ emptyText: t('audit.empty') }}
        columns={[
          { key: 'at', title: t('audit.at'), dataIndex: 'at', render: (v: number) => displayDateTime(v, { seconds: true }) },
          { key: 'action', title: t('audit.action'), dataIndex: 'action', render: (v: string) => t(`audit.actions.${v}`, { defaultValue: v }) },
          { key: 'actor', title: t('audit.actor'), dataIndex: 'actorName' },
          { key: 'collection', title: t('audit.collection'), dataIndex: 'collection', render: (v?: string) => (v ? auditCollectionName(v, lang) : '') },
          { key: 'summary', title: t('audit.summary'), dataIndex: 'summary', render: (v: Record<string, unknown>, e) => auditSummaryText(e.action, v, lang) },
        ]}
      />
      {pages.error && <Typography.Paragraph type="danger" role="alert">{t('errors.generic', { message: pages.error })}</Typography.Paragraph>}
      <CursorPager pages={pages} />
    </section>
  );
}
