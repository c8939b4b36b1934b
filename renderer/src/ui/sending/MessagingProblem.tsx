// Why no e-mail or SMS goes out right now (secrets saved by another host, an outbox worker failure),
// as the core reports it: fetched once, then followed through the messagingProblem event.
import { Alert } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../shared/contract/schemas';
import { call } from '../../client/client';
import { useEvent } from '../../client/useEvent';
import './sendingMessages';

export function useMessagingProblem(): AppError | null {
  const [problem, setProblem] = useState<AppError | null>(null);
  useEffect(() => {
    void call('getMessagingSettings', {}).then(
      (s) => setProblem(s.problem ?? null),
      () => undefined,
    );
  }, []);
  useEvent('messagingProblem', (e) => setProblem(e.problem));
  return problem;
}

export function MessagingProblemAlert({ problem }: { problem: AppError | null }) {
  const { t, i18n } = useTranslation();
  if (!problem) return null;
  const text = i18n.language === 'en' || !problem.messageTr ? problem.message : problem.messageTr;
  return <Alert role="alert" type="error" showIcon title={t('sending.problemTitle')} description={text} style={{ marginBottom: 12 }} />;
}
