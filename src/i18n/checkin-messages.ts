import type { Locale } from '../config.js';

/**
 * The check-in DM's words, in English and Spanish. Kept apart from messages.ts so the check-in surface can change
 * without touching every other string. `es` must have exactly the same keys as `en` (the type checks it).
 */

export type ElapsedUnit = 'lessThanDay' | 'day' | 'week' | 'month' | 'year';
/** The cadences a check-in can run at, for the back-off words. */
export type RunningCadence = 'weekly' | 'biweekly' | 'monthly';

const EN_EVERY: Record<RunningCadence, string> = { weekly: 'every week', biweekly: 'every 2 weeks', monthly: 'every month' };
const ES_EVERY: Record<RunningCadence, string> = { weekly: 'cada semana', biweekly: 'cada 2 semanas', monthly: 'cada mes' };
const EN_KEEP: Record<RunningCadence, string> = { weekly: 'Keep weekly', biweekly: 'Keep every 2 weeks', monthly: 'Keep monthly' };
const ES_KEEP: Record<RunningCadence, string> = { weekly: 'Mantener semanal', biweekly: 'Mantener cada 2 semanas', monthly: 'Mantener mensual' };

const en = {
  title: 'Time for your skill check-in',
  /** "3 weeks since your last assessment". */
  sinceLastAssessment: (elapsed: string) => `${elapsed} since your last assessment`,
  elapsed: (unit: ElapsedUnit, n: number) =>
    unit === 'lessThanDay' ? 'Less than a day' : `${n} ${n === 1 ? unit : `${unit}s`}`,
  intro: 'Take a minute to look back at your goals. Has anything moved? Update your assessment, or snooze this for later.',
  noAssessments: "You haven't assessed a skill yet. Try `/skill assess <skill>` to set a level and goals.",
  levels: (current: string, target: string) => `${current} → ${target}`,
  stayAtLevel: (current: string) => `${current}: deepening this level`,
  targetDate: (date: string) => `target date ${date}`,
  lastAssessed: (date: string) => `Last assessed ${date}`,
  yourGoals: 'Your goals',
  noGoals: 'No goals written yet.',
  moreSkills: (n: number) => `…and ${n} more assessed ${n === 1 ? 'skill' : 'skills'}. See them all with \`/skill me\`.`,
  updateAssessment: 'Update my assessment',
  snoozeDay: 'Snooze 1 day',
  snoozeWeek: 'Snooze 1 week',
  pause: 'Pause check-ins',
  resume: 'Resume check-ins',
  snoozedUntil: (when: string) => `Snoozed until ${when}.`,
  // Pause and resume can also happen from the Home tab, which cannot redraw this DM: the notice says what was
  // done and when, which stays true, never what the state is now, which may not.
  paused: (at: string) => `You paused check-ins on ${at}.`,
  resumed: (at: string, next: string) => `You resumed check-ins on ${at}; the next one was set for ${next}.`,
  resumedNoNext: (at: string) => `You resumed check-ins on ${at}.`,
  noSchedule: "You don't have check-ins set up yet. Assess a skill to schedule them.",
  fallback: (summary: string) => `Skill check-in: ${summary}`,
  backedOff: (effective: RunningCadence, chosen: RunningCadence) =>
    `The last check-ins went unanswered, so they now come ${EN_EVERY[effective]}. Any answer brings back ${EN_EVERY[chosen]}.`,
  keepCadence: (chosen: RunningCadence) => EN_KEEP[chosen],
  kept: (chosen: RunningCadence, next: string | null) => `Check-ins are back to ${EN_EVERY[chosen]}${next ? `; the next one is ${next}` : ''}.`,
  pauseUntil: 'Pause until…',
  resumeNow: 'Resume now',
  pausedUntil: (until: string, next: string | null) => `Check-ins paused until ${until}.${next ? ` The next one is ${next}.` : ''}`,
  pauseModalTitle: 'Pause check-ins',
  pauseModalLabel: 'First day back',
  pauseModalHint: 'Nothing is sent before this day. Check-ins resume by themselves with the first one on or after it.',
  pauseModalSubmit: 'Pause',
  close: 'Close',
  pauseDateNotFuture: 'Pick a day after today.',
  pauseDateTooFar: 'Pick a day within a year from today.',
  pauseDateUnreadable: (typed: string) =>
    `I couldn't read “${typed}” as a date. Try \`/skill pause until 2027-01-10\`, \`10/01/2027\` or \`10 Jan 2027\`.`,
  pauseUsage: 'Say until when: `/skill pause until 2027-01-10` (or `10 Jan 2027`). `/skill resume` resumes check-ins.',
};

/** `en` is written without `as const`, so its type is the shape every language fills in. */
export type CheckinMessages = Readonly<typeof en>;

const ES_UNITS: Record<Exclude<ElapsedUnit, 'lessThanDay'>, [string, string]> = {
  day: ['día', 'días'],
  week: ['semana', 'semanas'],
  month: ['mes', 'meses'],
  year: ['año', 'años'],
};

const es: CheckinMessages = {
  title: 'Es hora de tu seguimiento de habilidades',
  sinceLastAssessment: (elapsed) => `${elapsed} desde tu última evaluación`,
  elapsed: (unit, n) => (unit === 'lessThanDay' ? 'Menos de un día' : `${n} ${ES_UNITS[unit][n === 1 ? 0 : 1]}`),
  intro: 'Tómate un minuto para repasar tus objetivos. ¿Ha cambiado algo? Actualiza tu evaluación o pospón este recordatorio.',
  noAssessments: 'Todavía no has evaluado ninguna habilidad. Prueba `/skill assess <habilidad>` para fijar un nivel y objetivos.',
  levels: (current, target) => `${current} → ${target}`,
  stayAtLevel: (current) => `${current}: profundizando en este nivel`,
  targetDate: (date) => `fecha objetivo ${date}`,
  lastAssessed: (date) => `Última evaluación: ${date}`,
  yourGoals: 'Tus objetivos',
  noGoals: 'Aún no has escrito objetivos.',
  moreSkills: (n) => `…y ${n} ${n === 1 ? 'habilidad evaluada' : 'habilidades evaluadas'} más. Míralas todas con \`/skill me\`.`,
  updateAssessment: 'Actualizar mi evaluación',
  snoozeDay: 'Posponer 1 día',
  snoozeWeek: 'Posponer 1 semana',
  pause: 'Pausar seguimientos',
  resume: 'Reanudar seguimientos',
  snoozedUntil: (when) => `Pospuesto hasta el ${when}.`,
  paused: (at) => `Pausaste los seguimientos el ${at}.`,
  resumed: (at, next) => `Reanudaste los seguimientos el ${at}; el siguiente quedó para el ${next}.`,
  resumedNoNext: (at) => `Reanudaste los seguimientos el ${at}.`,
  noSchedule: 'Todavía no tienes seguimientos programados. Evalúa una habilidad para programarlos.',
  fallback: (summary) => `Seguimiento de habilidades: ${summary}`,
  backedOff: (effective, chosen) =>
    `No respondiste a los últimos seguimientos, así que ahora llegan ${ES_EVERY[effective]}. Cualquier respuesta los devuelve a ${ES_EVERY[chosen]}.`,
  keepCadence: (chosen) => ES_KEEP[chosen],
  kept: (chosen, next) => `Los seguimientos vuelven a llegar ${ES_EVERY[chosen]}${next ? `; el siguiente es el ${next}` : ''}.`,
  pauseUntil: 'Pausar hasta…',
  resumeNow: 'Reanudar ahora',
  pausedUntil: (until, next) => `Seguimientos en pausa hasta el ${until}.${next ? ` El siguiente es el ${next}.` : ''}`,
  pauseModalTitle: 'Pausar seguimientos',
  pauseModalLabel: 'Primer día de vuelta',
  pauseModalHint: 'No se envía nada antes de ese día. Los seguimientos se reanudan solos con el primero de ese día en adelante.',
  pauseModalSubmit: 'Pausar',
  close: 'Cerrar',
  pauseDateNotFuture: 'Elige un día posterior a hoy.',
  pauseDateTooFar: 'Elige un día dentro del próximo año.',
  pauseDateUnreadable: (typed) =>
    `No entiendo «${typed}» como fecha. Prueba \`/skill pausa hasta 10/01/2027\`, \`10 ene 2027\` o \`2027-01-10\`.`,
  pauseUsage: 'Di hasta cuándo: `/skill pausa hasta 10/01/2027` (o `10 ene 2027`). `/skill reanudar` reanuda los seguimientos.',
};

const catalogs: Record<Locale, CheckinMessages> = { en, es };

export function checkinMessagesFor(locale: Locale): CheckinMessages {
  return catalogs[locale];
}
