import type { Locale } from '../config.js';

/**
 * The answer to a message typed in the app's Messages tab, in English and Spanish. Kept apart from messages.ts so
 * this surface can change without touching every other string. `es` has exactly the keys of `en` (the type checks).
 */

const en = {
  intro: "Hi! I don't read messages here: everything works through `/skill`, which you can type right here or in any channel.",
  more: 'For examples and every skill in the catalog: `/skill help`.',
  fallback: 'Skill Ladder works through /skill. Try /skill help.',
} as const;

export type DirectMessageMessages = { [K in keyof typeof en]: string };

const es: DirectMessageMessages = {
  intro: '¡Hola! No leo los mensajes de aquí: todo funciona con `/skill`, que puedes escribir aquí mismo o en cualquier canal.',
  more: 'Para ver ejemplos y todas las habilidades del catálogo: `/skill help`.',
  fallback: 'Skill Ladder funciona con /skill. Prueba /skill help.',
};

const catalogs: Record<Locale, DirectMessageMessages> = { en, es };

export function directMessageMessagesFor(locale: Locale): DirectMessageMessages {
  return catalogs[locale];
}
