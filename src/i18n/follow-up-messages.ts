import type { Locale } from '../config.js';

/**
 * Follow-up DMs of agreed next steps, in English and Spanish (docs/follow-ups.md). `es` has the same keys as `en`.
 * In Spanish a follow-up is a "revisión": "seguimiento" already names the check-in.
 */

const en = {
  title: 'Follow-up of your 1:1',
  intro: (n: number) => (n === 1 ? 'Today is the follow-up date you agreed on. How did it go?' : `Today is the follow-up date of ${n} things you agreed on. How did they go?`),
  agreedWith: (date: string, person: string, skill: string) => `*${skill}* · agreed with ${person} on ${date}:`,
  agreedAlone: (date: string, skill: string) => `*${skill}* · agreed on ${date}:`,
  more: (n: number) => `…and ${n} more agreed ${n === 1 ? 'step' : 'steps'}: see \`/skill me\`.`,
  update: 'Update my assessment',
  done: 'Done',
  doneAt: (date: string) => `:white_check_mark: Marked done on ${date}.`,
  fallback: (skill: string) => `Follow-up of your 1:1 on ${skill}: how did it go?`,
  leadTitle: 'A follow-up today',
  leadText: (person: string, date: string, skills: string) => `Today is the follow-up of what you agreed with ${person} on ${date} (${skills}). A good moment to ask how it went.`,
  openBrief: 'Open brief',
  leadFallback: (person: string) => `Today is the follow-up of what you agreed with ${person}.`,
};

export type FollowUpMessages = typeof en;

const es: FollowUpMessages = {
  title: 'Revisión de tu 1:1',
  intro: (n) => (n === 1 ? 'Hoy es la fecha de revisión que acordasteis. ¿Cómo ha ido?' : `Hoy es la fecha de revisión de ${n} cosas que acordasteis. ¿Cómo han ido?`),
  agreedWith: (date, person, skill) => `*${skill}* · acordado con ${person} el ${date}:`,
  agreedAlone: (date, skill) => `*${skill}* · acordado el ${date}:`,
  more: (n) => `…y ${n} ${n === 1 ? 'paso acordado más' : 'pasos acordados más'}: mira \`/skill yo\`.`,
  update: 'Actualizar mi evaluación',
  done: 'Hecho',
  doneAt: (date) => `:white_check_mark: Marcado como hecho el ${date}.`,
  fallback: (skill) => `Revisión de tu 1:1 sobre ${skill}: ¿cómo ha ido?`,
  leadTitle: 'Una revisión hoy',
  leadText: (person, date, skills) => `Hoy es la revisión de lo que acordaste con ${person} el ${date} (${skills}). Buen momento para preguntar cómo ha ido.`,
  openBrief: 'Abrir resumen',
  leadFallback: (person) => `Hoy es la revisión de lo que acordaste con ${person}.`,
};

const catalogs: Record<Locale, FollowUpMessages> = { en, es };

export function followUpMessagesFor(locale: Locale): FollowUpMessages {
  return catalogs[locale];
}
