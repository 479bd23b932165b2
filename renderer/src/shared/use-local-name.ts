import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/** Picks the Chinese or English name of a record for the current language. */
export function useLocalName(): (item: { nameZh: string; nameEn: string }) => string {
  const { i18n } = useTranslation();
  const zh = i18n.language === 'zh-CN';
  return useCallback((item) => (zh ? item.nameZh : item.nameEn), [zh]);
}
