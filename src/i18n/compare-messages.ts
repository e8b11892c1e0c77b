import type { Locale } from '../config.js';

/**
 * The comparison card's words, in English and Spanish. Kept apart from messages.ts like the other surfaces' tables;
 * `es` has exactly the keys of `en` (the type checks). Arguments arrive already escaped for mrkdwn.
 */

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

const en = {
  title: (skill: string, from: string, to: string) => `${skill} · ${from} → ${to}`,
  levelsPlace: (from: number, to: number, total: number) => (from === to ? `Level ${from} of ${total}` : `Levels ${from} → ${to} of ${total}`),
  legend: (to: string) => `*bold*: new at ${to} · ~struck~: no longer said at ${to}`,
  legendRoles: (from: string, to: string) => `*bold*: only ${to} · ~struck~: only ${from}`,
  levelsSummary: (from: string, to: string, added: number, removed: number) =>
    added === 0 && removed === 0
      ? `${from} and ${to} say the same.`
      : `From ${from} to ${to}: ${plural(added, 'word', 'words')} new, ${plural(removed, 'word', 'words')} no longer said.`,
  rolesSummary: (from: string, to: string, onlyTo: number, onlyFrom: number) =>
    onlyTo === 0 && onlyFrom === 0
      ? `${from} and ${to} say the same.`
      : `Only ${to}: ${plural(onlyTo, 'word', 'words')} · only ${from}: ${plural(onlyFrom, 'word', 'words')}.`,
  sameLevel: (level: string) => `Same level on both sides: ${level} does not change.`,
  onlyAt: (present: string, absent: string) => `Only ${present} lists this role; ${absent} has no expectations for it.`,
  neither: 'Neither side lists this role.',
  moreRoles: (count: number) => `…and ${plural(count, 'more role', 'more roles')}: filter by role to see them.`,
  fallback: (skill: string, from: string, to: string) => `${skill}: what changes from ${from} to ${to}`,
  compareWith: 'Compare with…',
  yourPath: (from: string, to: string) => `Your level → your target: ${from} → ${to}`,
  swap: '⇄ Swap',
  stepDown: (from: string, to: string) => `◀ ${from} → ${to}`,
  stepUp: (from: string, to: string) => `${from} → ${to} ▶`,
  back: (level: string) => `Back to ${level}`,
};

export type CompareMessages = Readonly<typeof en>;

const es: CompareMessages = {
  title: (skill, from, to) => `${skill} · ${from} → ${to}`,
  levelsPlace: (from, to, total) => (from === to ? `Nivel ${from} de ${total}` : `Niveles ${from} → ${to} de ${total}`),
  legend: (to) => `*negrita*: nuevo en ${to} · ~tachado~: ${to} ya no lo dice`,
  legendRoles: (from, to) => `*negrita*: solo ${to} · ~tachado~: solo ${from}`,
  levelsSummary: (from, to, added, removed) =>
    added === 0 && removed === 0
      ? `${from} y ${to} dicen lo mismo.`
      : `De ${from} a ${to}: ${plural(added, 'palabra nueva', 'palabras nuevas')}, ${plural(removed, 'palabra que ya no se dice', 'palabras que ya no se dicen')}.`,
  rolesSummary: (from, to, onlyTo, onlyFrom) =>
    onlyTo === 0 && onlyFrom === 0
      ? `${from} y ${to} dicen lo mismo.`
      : `Solo ${to}: ${plural(onlyTo, 'palabra', 'palabras')} · solo ${from}: ${plural(onlyFrom, 'palabra', 'palabras')}.`,
  sameLevel: (level) => `El mismo nivel a ambos lados: ${level} no cambia.`,
  onlyAt: (present, absent) => `Solo ${present} incluye este rol; ${absent} no tiene expectativas para él.`,
  neither: 'Ningún lado incluye este rol.',
  moreRoles: (count) => `…y ${plural(count, 'rol más', 'roles más')}: filtra por rol para verlos.`,
  fallback: (skill, from, to) => `${skill}: qué cambia de ${from} a ${to}`,
  compareWith: 'Comparar con…',
  yourPath: (from, to) => `Tu nivel → tu objetivo: ${from} → ${to}`,
  swap: '⇄ Invertir',
  stepDown: (from, to) => `◀ ${from} → ${to}`,
  stepUp: (from, to) => `${from} → ${to} ▶`,
  back: (level) => `Volver a ${level}`,
};

const catalogs: Record<Locale, CompareMessages> = { en, es };

export function compareMessagesFor(locale: Locale): CompareMessages {
  return catalogs[locale];
}
