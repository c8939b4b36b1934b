// "Yeni bildirim": a task assignment or meeting reminder for the current staff member. The list
// does not need telling: the core's notificationsChanged event refreshes it.
import { App, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { notificationKind } from '../../../../shared/contract/messaging';
import { call, ClientError } from '../../desktop/client';
import './inboxMessages';

type Kind = z.infer<typeof notificationKind>;
interface Values {
  kind: Kind;
  title: string;
  body?: string;
  /** A Dayjs from the picker; only its epoch value is needed. */
  scheduledFor?: { valueOf(): number } | null;
}

export function NewNotificationModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const lang = i18n.language === 'en' ? 'en' : 'tr';
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  const submit = async (values: Values) => {
    setSaving(true);
    try {
      const me = await call('getProfile', {});
      if (!me) {
        void message.error(t('inbox.form.noProfile'));
        return;
      }
      await call('createNotification', {
        recipientId: me.id,
        kind: values.kind,
        title: values.title.trim(),
        body: values.body?.trim() ?? '',
        ...(values.scheduledFor ? { scheduledFor: values.scheduledFor.valueOf() } : {}),
      });
      void message.success(t('inbox.form.created'));
      form.resetFields();
      onClose();
    } catch (e) {
      void message.error(e instanceof ClientError ? e.localized(lang) : String(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('inbox.form.title')}
      okText={t('inbox.form.submit')}
      cancelText={t('inbox.form.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('inbox.form.help')}</Typography.Paragraph>
      <Form
        form={form}
        name="new-notification"
        layout="vertical"
        initialValues={{ kind: 'gorev' }}
        onFinish={(v) => void submit(v)}
        requiredMark
      >
        <Form.Item name="kind" label={t('inbox.form.kind')} rules={[{ required: true, message: t('inbox.form.required') }]}>
          <Select options={notificationKind.options.map((k) => ({ value: k, label: t(`inbox.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('inbox.form.heading')}
          rules={[{ required: true, whitespace: true, max: 200, message: t('inbox.form.required') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="body" label={t('inbox.form.body')}>
          <Input.TextArea rows={4} maxLength={5000} />
        </Form.Item>
        <Form.Item name="scheduledFor" label={t('inbox.form.scheduledFor')} extra={t('inbox.form.scheduledHelp')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="DD.MM.YYYY HH:mm" style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
