import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { call } from './client/client';
import { initI18n } from './i18n';

const settings = await call('getSettings', {}).catch(() => ({ language: 'tr' as const }));
initI18n(settings.language);

const root = document.getElementById('root');
if (!root) throw new Error('#root missing');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
