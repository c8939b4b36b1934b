import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CursorPages } from '../client/useCursorPages';

/** Previous / page n / next under a cursor-paged table. */
export function CursorPager({ pages }: { pages: CursorPages<unknown> }) {
  const { t } = useTranslation();
  return (
    <Space style={{ marginTop: 12 }}>
      <Button disabled={!pages.hasPrevious} onClick={pages.previous}>
        {t('records.previous')}
      </Button>
      <span aria-live="polite">{t('records.page', { n: pages.pageNumber })}</span>
      <Button disabled={!pages.hasNext} onClick={pages.next}>
        {t('records.next')}
      </Button>
    </Space>
  );
}
