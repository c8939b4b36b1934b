import { Button, Space, Table, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { auditEntry } from '../../../../shared/contract/schemas';
import { call } from '../../desktop/client';
import { useEvent } from '../../desktop/useEvent';

type Entry = z.infer<typeof auditEntry>;
const PAGE_SIZE = 25;

function summaryText(summary: Record<string, unknown>): string {
  return Object.entries(summary)
    .filter(([, v]) => v !== undefined && v !== null && typeof v !== 'object')
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(' · ');
}

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const [page, setPage] = useState<{ rows: Entry[]; isDone: boolean; next: string } | null>(null);
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);
  const cursor = cursors[cursors.length - 1] ?? null;

  useEffect(() => {
    let stale = false;
    setLoading(true);
    void call('listAudit', { cursor, numItems: PAGE_SIZE })
      .then((r) => !stale && setPage({ rows: r.page, isDone: r.isDone, next: r.continueCursor }))
      .finally(() => !stale && setLoading(false));
    return () => {
      stale = true;
    };
  }, [cursor, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  useEvent('dataChanged', (e) => e.collection === 'auditLogs' && reload());

  const dateFormat = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'tr-TR', { dateStyle: 'short', timeStyle: 'medium' });
  return (
    <section aria-labelledby="audit-title">
      <Typography.Title level={2} id="audit-title">
        {t('audit.title')}
      </Typography.Title>
      <Table<Entry>
        rowKey="id"
        loading={loading}
        pagination={false}
        dataSource={page?.rows ?? []}
        locale={{ emptyText: t('audit.empty') }}
        columns={[
          { key: 'at', title: t('audit.at'), dataIndex: 'at', render: (v: number) => dateFormat.format(v) },
          { key: 'action', title: t('audit.action'), dataIndex: 'action', render: (v: string) => t(`audit.actions.${v}`, { defaultValue: v }) },
          { key: 'actor', title: t('audit.actor'), dataIndex: 'actorName' },
          { key: 'collection', title: t('audit.collection'), dataIndex: 'collection', render: (v?: string) => (v ? t(`collections.${v}`, { defaultValue: v }) : '') },
          { key: 'summary', title: t('audit.summary'), dataIndex: 'summary', render: summaryText },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Button disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
          {t('records.previous')}
        </Button>
        <Button disabled={!page || page.isDone} onClick={() => page && setCursors((c) => [...c, page.next])}>
          {t('records.next')}
        </Button>
      </Space>
    </section>
  );
}
