import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { tr } from './tr';
import type { Lang } from '../../../shared/domain/vocabularies';

export function initI18n(lang: Lang): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources: { tr: { translation: tr }, en: { translation: en } },
    lng: lang,
    fallbackLng: 'tr',
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = lang;
  return i18next;
}
