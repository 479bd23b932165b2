import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import {
  DEFAULT_LANGUAGE,
  isLanguage,
  MESSAGES,
  type Language,
} from '../../main/domain/i18n/messages';

const STORAGE_KEY = 'haitai.language';

export function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

export function rememberLanguage(lang: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode or a locked profile: the choice lasts for this session only.
  }
}

export async function initI18n(): Promise<i18n> {
  await i18next.use(initReactI18next).init({
    lng: storedLanguage(),
    fallbackLng: 'en',
    resources: {
      'zh-CN': { translation: MESSAGES['zh-CN'] },
      en: { translation: MESSAGES.en },
    },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18next;
}
