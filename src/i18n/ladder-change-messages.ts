import type { Locale } from '../config.js';

/** "The ladder changed" DM and marks, in English and Spanish (docs/ladder-changes.md). `es` has the same keys as `en`. */

const en = {
  title: (skill: string) => `The ${skill} ladder changed`,
  intro: (role: string) =>
    `Requirements you assessed yourself against (as ${role}) now read differently. Words no longer said are ~struck through~, new words are in *bold*.`,
  changedLevel: (level: string) => `*${level}*: changed`,
  removedLevel: (level: string) => `*${level}*: removed from the ladder. It used to say:`,
  reassess: 'Re-assess',
  outro: 'Your earlier assessment stays in your history. Re-assess when you have a minute.',
  fallback: (skill: string) => `The ${skill} ladder changed since your assessment: re-assess when you have a minute.`,
  olderVersion: 'assessed against an older version of this ladder',
};

export type LadderChangeMessages = typeof en;

const es: LadderChangeMessages = {
  title: (skill) => `La escalera de ${skill} cambió`,
  intro: (role) =>
    `Requisitos con los que te evaluaste (como ${role}) ahora dicen otra cosa. Lo que ya no se dice está ~tachado~ y lo nuevo, en *negrita*.`,
  changedLevel: (level) => `*${level}*: cambió`,
  removedLevel: (level) => `*${level}*: ya no está en la escalera. Decía:`,
  reassess: 'Volver a evaluar',
  outro: 'Tu evaluación anterior sigue en tu historial. Vuelve a evaluarte cuando tengas un momento.',
  fallback: (skill) => `La escalera de ${skill} cambió desde tu evaluación: vuelve a evaluarte cuando tengas un momento.`,
  olderVersion: 'evaluada con una versión anterior de esta escalera',
};

const catalogs: Record<Locale, LadderChangeMessages> = { en, es };

export function ladderChangeMessagesFor(locale: Locale): LadderChangeMessages {
  return catalogs[locale];
}
