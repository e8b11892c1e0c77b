import type { Locale } from '../config.js';

/**
 * The 1:1 brief's words (docs/one-on-one-brief.md), in English and Spanish. `es` has exactly the keys of `en` (the
 * type checks). Arguments arrive already escaped for mrkdwn.
 */

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

const en = {
  titleOther: (person: string) => `1:1 brief: ${person}`,
  titleSelf: '1:1 brief: what to bring',
  modalTitle: '1:1 brief',
  close: 'Close',
  loading: 'Preparing the brief…',
  prepareButton: 'Prepare 1:1',
  intro: (skills: number) => `Shared skills only · ${plural(skills, 'skill', 'skills')}`,
  introSelf: (skills: number) => `Your ${plural(skills, 'skill', 'skills')}`,
  nothing: 'Nothing assessed yet in the skills shared here: there is nothing to prepare from.',
  notShared: (person: string) => `${person} has not shared their growth picture with you, so there is no brief to show.`,
  unknownPerson: (name: string) => `Slack could not tell who @${name} is: type @ and pick the person from the list, then send again.`,
  sinceAssessed: (days: number) => (days === 0 ? 'Last assessed today' : `Last assessed ${plural(days, 'day', 'days')} ago`),
  targetIn: (date: string, days: number) =>
    days > 0 ? `target date ${date}: ${plural(days, 'day', 'days')} left` : days === 0 ? `target date ${date}: today` : `target date ${date}: passed ${plural(-days, 'day', 'days')} ago`,
  noTargetDate: 'no target date',
  pathLeft: (count: number, target: string) => (count === 0 ? `Every expectation on the way to ${target} is rated fully met.` : `${plural(count, 'expectation', 'expectations')} left on the way to ${target}.`),
  noPath: 'No path ahead: the target is not above the current level (or the catalog changed since).',
  changesTitle: 'Since the previous assessment',
  firstAssessment: 'First assessment of this skill: nothing to compare with yet.',
  noChange: 'No change since the previous assessment.',
  levelsChanged: (before: string, after: string) => `Current → target: ${before} ⇒ ${after}`,
  ratingChanged: (level: string, before: string, after: string) => `${level}: ${before} → ${after}`,
  goalsChanged: 'Goals:',
  roleChanged: (before: string, after: string) => `Role: ${before} → ${after}`,
  questionsTitle: 'Questions to ask',
  noQuestions: 'Every expectation on the way to the target is rated fully met: ask what the next target should be.',
  question: (level: string, expectation: string, rating: string) => `What would help you show "${expectation}" (${level}, rated ${rating})?`,
  ratingNotYet: 'not yet',
  ratingPartly: 'partly',
  ratingFully: 'fully',
  ratingNone: 'not rated',
  more: (count: number) => `…and ${plural(count, 'more skill', 'more skills')}.`,
};

export type BriefMessages = Readonly<typeof en>;

const es: BriefMessages = {
  titleOther: (person) => `Resumen 1:1: ${person}`,
  titleSelf: 'Resumen 1:1: qué llevar',
  modalTitle: 'Resumen 1:1',
  close: 'Cerrar',
  loading: 'Preparando el resumen…',
  prepareButton: 'Preparar 1:1',
  intro: (skills) => `Solo habilidades compartidas · ${plural(skills, 'habilidad', 'habilidades')}`,
  introSelf: (skills) => `Tus ${plural(skills, 'habilidad', 'habilidades')}`,
  nothing: 'Aún no hay nada evaluado en las habilidades compartidas: no hay nada con qué preparar.',
  notShared: (person) => `${person} no ha compartido contigo su progreso, así que no hay resumen que mostrar.`,
  unknownPerson: (name) => `Slack no pudo saber quién es @${name}: escribe @ y elige a la persona de la lista, y envía de nuevo.`,
  sinceAssessed: (days) => (days === 0 ? 'Última evaluación hoy' : `Última evaluación hace ${plural(days, 'día', 'días')}`),
  targetIn: (date, days) =>
    days > 0 ? `fecha objetivo ${date}: quedan ${plural(days, 'día', 'días')}` : days === 0 ? `fecha objetivo ${date}: hoy` : `fecha objetivo ${date}: pasó hace ${plural(-days, 'día', 'días')}`,
  noTargetDate: 'sin fecha objetivo',
  pathLeft: (count, target) => (count === 0 ? `Todas las expectativas hasta ${target} están totalmente cumplidas.` : `${plural(count, 'expectativa pendiente', 'expectativas pendientes')} hasta ${target}.`),
  noPath: 'Sin camino por delante: el objetivo no está por encima del nivel actual (o el catálogo cambió desde entonces).',
  changesTitle: 'Desde la evaluación anterior',
  firstAssessment: 'Primera evaluación de esta habilidad: aún no hay con qué comparar.',
  noChange: 'Sin cambios desde la evaluación anterior.',
  levelsChanged: (before, after) => `Actual → objetivo: ${before} ⇒ ${after}`,
  ratingChanged: (level, before, after) => `${level}: ${before} → ${after}`,
  goalsChanged: 'Objetivos:',
  roleChanged: (before, after) => `Rol: ${before} → ${after}`,
  questionsTitle: 'Preguntas para la conversación',
  noQuestions: 'Todas las expectativas hasta el objetivo están totalmente cumplidas: pregunta cuál debería ser el siguiente objetivo.',
  question: (level, expectation, rating) => `¿Qué te ayudaría a demostrar «${expectation}» (${level}, valorado ${rating})?`,
  ratingNotYet: 'todavía no',
  ratingPartly: 'en parte',
  ratingFully: 'totalmente',
  ratingNone: 'sin valorar',
  more: (count) => `…y ${plural(count, 'habilidad más', 'habilidades más')}.`,
};

export function briefMessagesFor(locale: Locale): BriefMessages {
  return locale === 'es' ? es : en;
}
