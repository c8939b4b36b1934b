// Staff administration (administrators only; the server refuses anyone else): the accounts with
// role, state and last sign-in; a new account with a typed or generated first password (shown
// once); role changes; deactivation and reactivation; password resets. The server audits each.
import { CopyOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { authChannels } from '../../../../shared/contract/auth';
import { displayDateTime } from '../../../../shared/domain';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, ROLES, type Role } from '../../../../shared/domain/roles';
import { call, ClientError } from '../../client/client';
import { generatePassword } from './generatePassword';
import './staffMessages';

type Staff = z.infer<(typeof authChannels)['listStaff']['output']>[number];
interface NewAccount {
  name: string;
  email: string;
  role: Role;
  phone?: string;
  passwordMode: 'typed' | 'generated';
  password?: string;
}

/** Strongest first in pickers: the administrator usually sets up office staff. */
const ROLE_ORDER = [...ROLES].reverse();

export function StaffPage({ meId }: { meId: string | null }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const lang = i18n.language === 'en' ? 'en' : 'tr';
  const [staff, setStaff] = useState<Staff[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<Staff | null>(null);
  const [shown, setShown] = useState<{ name: string; password: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const errorText = useCallback((e: unknown) => (e instanceof ClientError ? e.localized(lang) : String(e)), [lang]);
  const roleOptions = ROLE_ORDER.map((r) => ({ value: r, label: t(`auth.roles.${r}`) }));

  const load = useCallback(() => {
    call('listStaff', {}).then(
      (rows) => {
        setStaff(rows);
        setError(null);
      },
      (e: unknown) => setError(errorText(e)),
    );
  }, [errorText]);
  useEffect(load, [load]);

  /** Runs one change, says how it went, and reloads the list either way (it may have half-happened). */
  const change = async (work: () => Promise<unknown>, done: string): Promise<boolean> => {
    setBusy(true);
    try {
      await work();
      void message.success(done);
      return true;
    } catch (e) {
      void message.error(errorText(e));
      return false;
    } finally {
      setBusy(false);
      load();
    }
  };

  const create = async (v: NewAccount) => {
    const password = v.passwordMode === 'generated' ? generatePassword() : (v.password ?? '');
    const phone = v.phone?.trim();
    const ok = await change(
      () => call('createStaff', { name: v.name.trim(), email: v.email.trim(), role: v.role, password, ...(phone ? { phone } : {}) }),
      t('staff.created', { name: v.name.trim() }),
    );
    if (!ok) return;
    setCreating(false);
    if (v.passwordMode === 'generated') setShown({ name: v.name.trim(), password });
  };

  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      void message.success(t('staff.copied'));
    } catch {
      void message.error(t('staff.copyFailed'));
    }
  };

  return (
    <section aria-labelledby="staff-title">
      <Typography.Title level={2} id="staff-title">
        {t('staff.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('staff.help')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('staff.newAccount')}
        </Button>
        <Button icon={<ReloadOutlined />} onClick={load}>
          {t('inbox.refresh')}
        </Button>
      </Space>
      {error && <Alert role="alert" type="error" showIcon title={t('staff.loadFailed', { message: error })} style={{ marginBottom: 12 }} />}
      <Table<Staff>
        aria-label={t('staff.list')}
        rowKey="id"
        size="small"
        loading={staff === null && !error}
        dataSource={staff ?? []}
        pagination={false}
        columns={[
          { key: 'name', title: t('staff.name'), render: (_, s) => (s.id === meId ? `${s.name} ${t('staff.you')}` : s.name) },
          { key: 'email', title: t('staff.email'), dataIndex: 'email' },
          {
            key: 'role',
            title: t('staff.role'),
            render: (_, s) => (
              <Select<Role>
                aria-label={t('staff.roleOf', { name: s.name })}
                value={s.role}
                // One's own role is not lowered here (the server refuses it too).
                disabled={s.id === meId || busy}
                options={roleOptions}
                style={{ width: 140 }}
                onChange={(role) =>
                  void change(
                    () => call('setStaffRole', { userId: s.id, role }),
                    t('staff.roleChanged', { name: s.name, role: t(`auth.roles.${role}`) }),
                  )
                }
              />
            ),
          },
          {
            key: 'active',
            title: t('staff.active'),
            render: (_, s) => (s.active ? <Tag color="#237804">{t('staff.activeYes')}</Tag> : <Tag color="#a8071a">{t('staff.activeNo')}</Tag>),
          },
          {
            key: 'lastSignIn',
            title: t('staff.lastSignIn'),
            render: (_, s) => (s.lastSignInAt !== null ? displayDateTime(s.lastSignInAt) : <Typography.Text type="secondary">{t('staff.never')}</Typography.Text>),
          },
          {
            key: 'actions',
            title: t('staff.actions'),
            render: (_, s) =>
              s.id === meId ? null : (
                <Space wrap size={4}>
                  {s.active ? (
                    <Popconfirm
                      title={t('staff.deactivateConfirm', { name: s.name })}
                      okText={t('staff.yes')}
                      cancelText={t('staff.no')}
                      onConfirm={() => change(() => call('setStaffActive', { userId: s.id, active: false }), t('staff.deactivated', { name: s.name }))}
                    >
                      {/* Not antd's red "danger" style: its text fails WCAG AA contrast; the confirmation says what happens. */}
                      <Button size="small" disabled={busy} aria-label={`${t('staff.deactivate')}: ${s.name}`}>
                        {t('staff.deactivate')}
                      </Button>
                    </Popconfirm>
                  ) : (
                    <Button
                      size="small"
                      disabled={busy}
                      aria-label={`${t('staff.reactivate')}: ${s.name}`}
                      onClick={() => void change(() => call('setStaffActive', { userId: s.id, active: true }), t('staff.reactivated', { name: s.name }))}
                    >
                      {t('staff.reactivate')}
                    </Button>
                  )}
                  <Button size="small" disabled={busy} aria-label={`${t('staff.resetPassword')}: ${s.name}`} onClick={() => setResetting(s)}>
                    {t('staff.resetPassword')}
                  </Button>
                </Space>
              ),
          },
        ]}
      />

      <NewAccountModal open={creating} busy={busy} roleOptions={roleOptions} onCancel={() => setCreating(false)} onCreate={(v) => void create(v)} />

      <ResetPasswordModal
        person={resetting}
        busy={busy}
        onCancel={() => setResetting(null)}
        onReset={async (password) => {
          const s = resetting!;
          if (await change(() => call('resetStaffPassword', { userId: s.id, password }), t('staff.resetDone', { name: s.name }))) setResetting(null);
        }}
      />

      <Modal
        open={shown !== null}
        title={shown ? `${t('staff.generatedTitle')}: ${shown.name}` : ''}
        onCancel={() => setShown(null)}
        footer={<Button onClick={() => setShown(null)}>{t('staff.close')}</Button>}
        destroyOnHidden
      >
        {shown && (
          <>
            <Typography.Paragraph>{t('staff.generatedHelp')}</Typography.Paragraph>
            <Space.Compact style={{ width: '100%' }}>
              <Input readOnly value={shown.password} aria-label={t('staff.generatedTitle')} style={{ fontFamily: 'monospace' }} />
              <Button icon={<CopyOutlined />} onClick={() => void copy(shown.password)}>
                {t('staff.copy')}
              </Button>
            </Space.Compact>
          </>
        )}
      </Modal>
    </section>
  );
}

/** A first or reset password: at least MIN_PASSWORD_LENGTH characters, as the server requires. */
function NewPasswordField() {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="password"
      label={t('staff.password')}
      extra={t('staff.passwordRule')}
      rules={[
        { required: true, message: t('staff.required') },
        { min: MIN_PASSWORD_LENGTH, max: MAX_PASSWORD_LENGTH, message: t('staff.passwordRule') },
      ]}
    >
      <Input.Password autoComplete="new-password" maxLength={MAX_PASSWORD_LENGTH} />
    </Form.Item>
  );
}

/** The dialogs' shell: OK submits the form, Cancel closes, and a closed dialog forgets its fields. */
function FormModal({
  open,
  title,
  okText,
  busy,
  onOk,
  onCancel,
  children,
}: {
  open: boolean;
  title: string;
  okText: string;
  busy: boolean;
  onOk: () => void;
  onCancel: () => void;
  children: React.ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Modal open={open} title={title} okText={okText} cancelText={t('staff.cancel')} confirmLoading={busy} onOk={onOk} onCancel={onCancel} destroyOnHidden>
      {children}
    </Modal>
  );
}

function NewAccountModal({
  open,
  busy,
  roleOptions,
  onCancel,
  onCreate,
}: {
  open: boolean;
  busy: boolean;
  roleOptions: { value: Role; label: string }[];
  onCancel: () => void;
  onCreate: (v: NewAccount) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<NewAccount>();
  const mode = Form.useWatch('passwordMode', form);
  return (
    <FormModal open={open} title={t('staff.newAccount')} okText={t('staff.create')} busy={busy} onOk={() => form.submit()} onCancel={onCancel}>
      <Form form={form} name="new-staff" layout="vertical" initialValues={{ role: 'personel', passwordMode: 'typed' }} onFinish={onCreate} requiredMark>
        <Form.Item name="name" label={t('staff.name')} rules={[{ required: true, whitespace: true, min: 2, max: 120, message: t('staff.required') }]}>
          <Input autoComplete="off" maxLength={120} />
        </Form.Item>
        <Form.Item name="email" label={t('staff.email')} rules={[{ required: true, type: 'email', message: t('staff.invalidEmail') }]}>
          <Input autoComplete="off" maxLength={254} />
        </Form.Item>
        <Form.Item name="role" label={t('staff.role')} rules={[{ required: true, message: t('staff.required') }]}>
          <Select options={roleOptions} />
        </Form.Item>
        <Form.Item name="phone" label={t('staff.phone')}>
          <Input autoComplete="off" maxLength={40} />
        </Form.Item>
        <Form.Item name="passwordMode" label={t('staff.passwordMode')}>
          <Radio.Group
            options={[
              { value: 'typed', label: t('staff.typed') },
              { value: 'generated', label: t('staff.generated') },
            ]}
          />
        </Form.Item>
        {mode !== 'generated' && <NewPasswordField />}
      </Form>
    </FormModal>
  );
}

function ResetPasswordModal({
  person,
  busy,
  onCancel,
  onReset,
}: {
  person: Staff | null;
  busy: boolean;
  onCancel: () => void;
  onReset: (password: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ password: string }>();
  return (
    <FormModal
      open={person !== null}
      title={person ? t('staff.resetTitle', { name: person.name }) : ''}
      okText={t('staff.reset')}
      busy={busy}
      onOk={() => form.submit()}
      onCancel={onCancel}
    >
      <Typography.Paragraph type="secondary">{t('staff.resetHelp')}</Typography.Paragraph>
      <Form form={form} name="reset-password" layout="vertical" onFinish={(v) => void onReset(v.password)} requiredMark>
        <NewPasswordField />
      </Form>
    </FormModal>
  );
}
