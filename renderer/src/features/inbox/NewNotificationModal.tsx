// "Yeni bildirim": a task assignment or meeting reminder, to oneself (the default) or to a
// colleague picked from listColleagues. The lists do not need telling: the core's
// notificationsChanged event refreshes the inbox and "Sent by me".
import { App, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { staffNotificationKind } from '../../../../shared/contract/messaging';
import { DELIVERY_CHANNELS } from '../../../../shared/domain/vocabularies';
import { call, ClientError } from '../../client/client';
import './inboxMessages';
import { NoSenderWarning, useSendingPcs } from '../../ui/sending/SendingPcs';

type Kind = z.infer<typeof staffNotificationKind>;
type Colleague = { id: string; name: string; role: 'yonetici' | 'personel' | 'gozlemci' };
interface Values {
  recipientId: string;
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
  const [me, setMe] = useState<{ id: string; name: string } | null>(null);
  const [colleagues, setColleagues] = useState<Colleague[] | null>(null);
  const senders = useSendingPcs();

  useEffect(() => {
    if (!open) return;
    let live = true;
    void Promise.all([call('getProfile', {}), call('listColleagues', {})]).then(
      ([profile, list]) => {
        if (!live) return;
        setMe(profile ? { id: profile.id, name: profile.name } : null);
        setColleagues(list);
        if (profile && !form.getFieldValue('recipientId')) form.setFieldsValue({ recipientId: profile.id });
      },
      (e: unknown) => live && void message.error(t('inbox.form.recipientsFailed', { message: e instanceof ClientError ? e.localized(lang) : String(e) })),
    );
    return () => {
      live = false;
    };
  }, [open, form, message, t, lang]);

  // Oneself first, then colleagues by name (the server lists them so).
  const recipientOptions = [
    ...(me ? [{ value: me.id, label: t('inbox.form.me', { name: me.name }) }] : []),
    ...(colleagues ?? []).filter((c) => c.id !== me?.id).map((c) => ({ value: c.id, label: `${c.name} · ${t(`auth.roles.${c.role}`)}` })),
  ];

  const submit = async (values: Values) => {
    setSaving(true);
    try {
      const recipientId = values.recipientId ?? me?.id;
      if (!recipientId) {
        void message.error(t('inbox.form.noProfile'));
        return;
      }
      await call('createNotification', {
        recipientId,
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
      <NoSenderWarning pcs={senders} channels={DELIVERY_CHANNELS} />
      <Form
        form={form}
        name="new-notification"
        layout="vertical"
        initialValues={{ kind: 'gorev' }}
        onFinish={(v) => void submit(v)}
        requiredMark
      >
        <Form.Item name="recipientId" label={t('inbox.form.recipient')} rules={[{ required: true, message: t('inbox.form.required') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={colleagues === null}
            options={recipientOptions}
          />
        </Form.Item>
        <Form.Item name="kind" label={t('inbox.form.kind')} rules={[{ required: true, message: t('inbox.form.required') }]}>
          <Select options={staffNotificationKind.options.map((k) => ({ value: k, label: t(`inbox.kinds.${k}`) }))} />
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
