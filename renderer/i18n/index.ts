// Picks the language's messages and fills {placeholders}. Components get t()
// from useI18n(); nothing else in the window holds user-visible text.
import { createContext, useContext } from 'react';
import { en, type MessageKey, type Messages } from './en';
import { fi } from './fi';

export type Lang = 'en' | 'fi';
export const MESSAGES: Record<Lang, Messages> = { en, fi };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  const messages = MESSAGES[lang];
  return (key, vars) => {
    const text = messages[key];
    if (!vars) return text;
    return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
  };
}

export interface I18n {
  lang: Lang;
  t: Translate;
}

export const I18nContext = createContext<I18n>({ lang: 'en', t: translator('en') });

export function useI18n(): I18n {
  return useContext(I18nContext);
}

export type { MessageKey, Messages };
