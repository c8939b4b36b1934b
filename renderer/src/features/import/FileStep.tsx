// Step 1: getting files in. A drop zone with a real file input (keyboard and screen readers reach
// it like any button), plus the queue when several files were dropped at once.
import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, List, Tag, Typography } from 'antd';
import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes } from './importFormat';
import { toneStyle, type Tone } from '../../ui/tones';

export interface QueueItem {
  id: number;
  file: File;
  status: 'waiting' | 'current' | 'done' | 'failed';
  error?: string;
}

/** The file types the importer reads (the core checks the content too). */
const ACCEPTED_EXTENSIONS = ['.xlsx', '.csv', '.txt', '.tsv'];

const TAG_TONE: Record<QueueItem['status'], Tone> = { waiting: 'neutral', current: 'info', done: 'ok', failed: 'error' };

export function FileDropZone({ onFiles }: { onFiles(files: File[]): void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();
  return (
    <label className="imp-dropzone">
      <InboxOutlined style={{ fontSize: 40, color: '#0b6e4f' }} aria-hidden />
      <span style={{ fontSize: 16 }}>{t('import.file.drop')}</span>
      <span id={hintId} style={{ color: '#595959' }}>
        {t('import.file.dropHint')}
      </span>
      <input
        ref={input}
        type="file"
        multiple
        accept={ACCEPTED_EXTENSIONS.join(',')}
        aria-label={t('import.file.pick')}
        aria-describedby={hintId}
        className="imp-sr-only"
        data-testid="import-file-input"
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = ''; // the same file can be chosen again later
          if (files.length > 0) onFiles(files);
        }}
      />
    </label>
  );
}

export function FileQueue({ queue, lang, onRemove }: { queue: QueueItem[]; lang: string; onRemove(id: number): void }) {
  const { t } = useTranslation();
  if (queue.length === 0) return null;
  return (
    <section aria-labelledby="imp-queue-title" style={{ marginTop: 16 }}>
      <Typography.Title level={4} id="imp-queue-title">
        {t('import.file.queue')}
      </Typography.Title>
      <List
        size="small"
        bordered
        dataSource={queue}
        renderItem={(item) => (
          <List.Item
            actions={
              item.status === 'waiting'
                ? [
                    <Button
                      key="remove"
                      size="small"
                      type="link"
                      onClick={() => onRemove(item.id)}
                      aria-label={t('import.file.remove', { name: item.file.name })}
                    >
                      ✕
                    </Button>,
                  ]
                : []
            }
          >
            <span>
              <Tag style={toneStyle(TAG_TONE[item.status])}>{t(`import.file.status.${item.status}`)}</Tag>
              {item.file.name} <span style={{ color: '#595959' }}>({formatBytes(item.file.size, lang)})</span>
              {item.error && <div style={{ color: '#a8071a' }}>{item.error}</div>}
            </span>
          </List.Item>
        )}
      />
    </section>
  );
}

export function FileStep({ onFiles, busy, error }: { onFiles(files: File[]): void; busy: string | null; error: string | null }) {
  const { t } = useTranslation();
  return (
    <div>
      <Typography.Paragraph>{t('import.file.help')}</Typography.Paragraph>
      <FileDropZone onFiles={onFiles} />
      {busy && <Alert style={{ marginTop: 12 }} type="info" showIcon title={busy} role="status" />}
      {error && <Alert style={{ marginTop: 12 }} type="error" showIcon title={error} role="alert" />}
    </div>
  );
}
