// Rendering a component as the app does, in jsdom: i18next with the app's messages, in the
// language a test asks for.
import { render, type RenderResult } from '@testing-library/react';
import i18next from 'i18next';
import type { ReactElement } from 'react';
import { initReactI18next } from 'react-i18next';
import { MESSAGES, type Language } from '../../main/domain/i18n/messages';

export async function renderIn(lang: Language, ui: ReactElement): Promise<RenderResult> {
  if (!i18next.isInitialized)
    await i18next.use(initReactI18next).init({
      lng: lang,
      fallbackLng: 'en',
      resources: {
        'zh-CN': { translation: MESSAGES['zh-CN'] },
        en: { translation: MESSAGES.en },
      },
      interpolation: { escapeValue: false },
    });
  await i18next.changeLanguage(lang);
  return render(ui);
}
