import { AuditOutlined, BellOutlined, SafetyCertificateOutlined, ExportOutlined, ImportOutlined, SendOutlined, SettingOutlined, TableOutlined, TeamOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, ConfigProvider, Layout, Menu, Segmented, Spin, Typography } from 'antd';
import enUS from 'antd/locale/en_US';
import trTR from 'antd/locale/tr_TR';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { appInfo } from '../../../shared/contract/app';
import type { sessionView } from '../../../shared/contract/auth';
import { SignInPage } from '../features/auth/SignInPage';
import { useEvent } from '../client/useEvent';
import { call } from '../client/client';
import { AuditPage } from '../features/audit/AuditPage';
import { ConsentTab, type ConsentSubject } from '../features/kvkk/ConsentTab';
import { KvkkPage } from '../features/kvkk/KvkkPage';
import { ExportPage } from '../features/export/ExportPage';
import { ImportPage } from '../features/import/ImportPage';
import { InboxNavLabel } from '../features/inbox/InboxNavLabel';
import { InboxPage } from '../features/inbox/InboxPage';
import { BulkSendPage } from '../features/bulkSend/BulkSendPage';
import { RecordsPage } from '../features/records/RecordsPage';
import { ServerScreen } from '../features/server/ServerScreen';
import { SettingsPage } from '../features/settings/SettingsPage';
import { StaffPage } from '../features/staff/StaffPage';
import { ConnectionBanner } from './ConnectionBanner';
import { useHashRoute, type Route } from './useHashRoute';
import type { Lang } from '../../../shared/domain/vocabularies';
import { ACTIVITY_EVENTS, createIdleLock, type IdleLock } from './idleLock';
import { IDLE_LOCK_DEFAULT_MINUTES } from '../../../shared/domain/sessions';

type AppInfo = z.infer<typeof appInfo>;
type SessionView = z.infer<typeof sessionView>;

// antd's default greys, link blue and error red fall below WCAG AA contrast (axe flags them); darken them app-wide.
const APP_THEME = {
  token: {
    colorPrimary: '#0b6e4f',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.58)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextSecondary: 'rgba(0, 0, 0, 0.7)',
    // Also the colour of empty-table placeholders, which are read, not disabled.
    colorTextDisabled: 'rgba(0, 0, 0, 0.55)',
    colorLink: '#0a5c42',
    // Danger buttons' text and border on white, white on primary danger buttons, error texts: 5.9:1 (antd's #ff4d4f: 3.3:1).
    colorError: '#c41d1d',
  },
};

/** Follows the system's "reduce motion" setting: antd's animations are off while it is on. */
function usePrefersReducedMotion(): boolean {
  const query = '(prefers-reduced-motion: reduce)';
  const [reduced, setReduced] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    const onChange = () => setReduced(list.matches);
    list.addEventListener('change', onChange);
    return () => list.removeEventListener('change', onChange);
  }, []);
  return reduced;
}

export function App() {
  const { t, i18n } = useTranslation();
  const [route, navigate] = useHashRoute();
  const reducedMotion = usePrefersReducedMotion();
  const theme = useMemo(() => ({ token: { ...APP_THEME.token, motion: !reducedMotion } }), [reducedMotion]);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const lang = i18n.language === 'en' ? 'en' : 'tr';

  const [session, setSession] = useState<SessionView | null>(null);
  // Whose pages are mounted (null: nobody has signed in yet). They stay mounted under the sign-in
  // screen when the session ends, so the same person signing in again continues where they were
  // (an import wizard keeps its check); someone else gets fresh ones (never the previous person's
  // inbox, staff list or half-done wizard).
  const [pagesOwner, setPagesOwner] = useState<string | null>(null);

  const loadInfo = () => {
    void call('getAppInfo', {}).then(setInfo);
    void call('getSession', {}).then(setSession);
  };
  useEffect(loadInfo, []);
  useEvent('authChanged', ({ user, reason }) => {
    if (user === null) void call('getSession', {}).then((s) => setSession({ ...s, reason }));
    else setSession((s) => (s ? { ...s, user, reason: 'none' } : s));
  });
  const user = session?.user ?? null;
  const userId = user?.id ?? null;
  // Set while rendering (React's "adjust state on a prop change"), so the previous person's pages
  // never render once with the new person signed in.
  if (userId !== null && userId !== pagesOwner) setPagesOwner(userId);
  // Shared office PCs: without input for the idle time (this PC's setting, read at each sign-in),
  // sign out; the sign-in screen comes over the page.
  useEffect(() => {
    if (userId === null) return;
    let lock: IdleLock | null = null;
    let ended = false;
    const onInput = () => lock?.activity();
    // Unreadable settings lock after the default rather than never.
    const minutes = call('getSettings', {}).then((s) => s.idleLockMinutes, () => IDLE_LOCK_DEFAULT_MINUTES);
    void minutes.then((idleLockMinutes) => {
      if (ended) return;
      lock = createIdleLock(() => void call('signOut', {}), idleLockMinutes);
      for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onInput, { passive: true });
    });
    return () => {
      ended = true;
      lock?.stop();
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onInput);
    };
  }, [userId]);

  const changeLanguage = async (next: Lang) => {
    await i18n.changeLanguage(next);
    document.documentElement.lang = next;
    await call('saveSettings', { language: next });
  };

  // The kvkk feature's consent register, on a person's record page.
  const consentTab = { label: t('kvkk.consent.tab'), render: (subject: ConsentSubject, canChange: boolean) => <ConsentTab subject={subject} canChange={canChange} /> };
  const allPages: Record<Route, { label: React.ReactNode; icon: React.ReactNode; element: React.ReactNode }> = {
    records: { label: t('nav.records'), icon: <TableOutlined />, element: <RecordsPage role={user?.role ?? 'gozlemci'} consentTab={consentTab} /> },
    import: { label: t('nav.import'), icon: <ImportOutlined />, element: <ImportPage /> },
    export: { label: t('nav.export'), icon: <ExportOutlined />, element: <ExportPage /> },
    inbox: { label: <InboxNavLabel label={t('nav.inbox')} />, icon: <BellOutlined />, element: <InboxPage /> },
    messages: { label: t('nav.messages'), icon: <SendOutlined />, element: <BulkSendPage /> },
    kvkk: { label: t('kvkk.nav'), icon: <SafetyCertificateOutlined />, element: <KvkkPage role={user?.role ?? 'gozlemci'} /> },
    audit: { label: t('nav.audit'), icon: <AuditOutlined />, element: <AuditPage ownOnly={user?.role !== 'yonetici'} /> },
    staff: { label: t('staff.nav'), icon: <TeamOutlined />, element: <StaffPage meId={userId} /> },
    settings: { label: t('nav.settings'), icon: <SettingOutlined />, element: <SettingsPage isAdmin={user?.role === 'yonetici'} /> },
  };
  // An observer reads: no import, export, bulk send, KVKK requests or audit log; only an administrator manages
  // staff accounts (the server refuses them anyway).
  const hidden: Route[] = [
    ...(user?.role === 'gozlemci' ? (['import', 'export', 'messages', 'kvkk', 'audit'] as const) : []),
    ...(user?.role !== 'yonetici' ? (['staff'] as const) : []),
  ];
  const pages = Object.fromEntries(Object.entries(allPages).filter(([key]) => !hidden.includes(key as Route))) as typeof allPages;
  const current: Route = pages[route] ? route : 'records';

  return (
    <ConfigProvider locale={lang === 'en' ? enUS : trTR} theme={theme}>
      <AntApp>
        <Layout style={{ minHeight: '100vh' }}>
          <Layout.Sider breakpoint="lg" collapsedWidth={0} theme="light" width={220}>
            <Typography.Title level={4} style={{ padding: '16px 20px', margin: 0 }}>
              {t('app.title')}
            </Typography.Title>
            <nav aria-label={t('nav.menu')}>
              <Menu
                mode="inline"
                selectedKeys={[current]}
                onClick={({ key }) => navigate(key as Route)}
                items={(user ? (Object.keys(pages) as Route[]) : []).map((key) => ({ key, icon: pages[key].icon, label: pages[key].label }))}
              />
            </nav>
          </Layout.Sider>
          <Layout>
            <Layout.Header
              style={{ background: 'transparent', display: 'flex', justifyContent: 'flex-end', alignItems: 'center', gap: 8 }}
            >
              {user && (
                <>
                  <span>{t('auth.signedInAs', { name: user.name, role: t(`auth.roles.${user.role}`) })}</span>
                  <Button onClick={() => void call('signOut', {})}>{t('auth.signOut')}</Button>
                </>
              )}
              <span id="lang-label">{t('lang.label')}</span>
              <Segmented
                aria-labelledby="lang-label"
                value={lang}
                onChange={(v) => void changeLanguage(v as Lang)}
                options={[
                  { value: 'tr', label: t('lang.tr') },
                  { value: 'en', label: t('lang.en') },
                ]}
              />
            </Layout.Header>
            <Layout.Content style={{ padding: '0 24px 24px' }}>
              <ConnectionBanner initial={info?.connection} />
              {info?.ephemeral && (
                <Alert role="status" type="warning" showIcon title={t('banner.ephemeral')} style={{ marginBottom: 16 }} />
              )}
              <main>
                {/* The server's verdict first: with the server unreachable the session is not waited for. */}
                {info && info.server.state !== 'ok' ? (
                  <ServerScreen status={info.server} onReady={loadInfo} />
                ) : !info || !session ? (
                  <Spin aria-label={t('app.loading')} />
                ) : (
                  <>
                    {!user && <SignInPage session={session} onSignedIn={(u) => setSession({ ...session, user: u, reason: 'none' })} />}
                    {pagesOwner !== null && (
                      <div key={pagesOwner} hidden={!user}>
                        {pages[current].element}
                      </div>
                    )}
                  </>
                )}
              </main>
            </Layout.Content>
          </Layout>
        </Layout>
      </AntApp>
    </ConfigProvider>
  );
}
