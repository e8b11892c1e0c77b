import type { Locale } from '../config.js';

/**
 * "My path" words (the path from the person's current level to their target), in English and Spanish. `es` has
 * exactly the keys of `en` (the type checks). Arguments arrive already escaped for mrkdwn.
 */

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

const en = {
  modalTitle: 'My path',
  close: 'Close',
  button: 'My path',
  left: (count: number, target: string) =>
    count === 0 ? `Nothing left on your path to ${target}: every expectation on the way is rated fully met.` : `${plural(count, 'expectation', 'expectations')} left on your path to ${target}.`,
  atTarget: (level: string) => `You are at your target, ${level}.`,
  beyondTarget: (current: string, target: string) => `Your target, ${target}, is below your current level, ${current}: nothing left on the path.`,
  stale: "Your path can't be drawn: this skill's levels or roles changed since you assessed it. Update your assessment to see it again.",
  unassessed: "You haven't assessed this skill yet: assess yourself to see your path.",
  loading: 'Loading your path…',
  loadFailed: "Your path couldn't be loaded just now. Please try again in a moment.",
  notRated: 'not rated',
  leftTitle: 'Still to cover on the way',
  alreadyMet: (levels: string) => `Rated fully met on the way: ${levels}.`,
  changesTitle: (from: string, to: string) => `What changes from ${from} to ${to}`,
  noChanges: (from: string, to: string) => `${from} or ${to} has no expectation for your role, so there is nothing to compare.`,
  more: (count: number) => `…and ${count} more: press *My path* to see them all.`,
};

export type MyPathMessages = Readonly<typeof en>;

const es: MyPathMessages = {
  modalTitle: 'Mi camino',
  close: 'Cerrar',
  button: 'Mi camino',
  left: (count, target) =>
    count === 0
      ? `No te queda nada en el camino a ${target}: todas las expectativas del camino están valoradas como cumplidas.`
      : `${plural(count, 'expectativa pendiente', 'expectativas pendientes')} en tu camino a ${target}.`,
  atTarget: (level) => `Ya estás en tu objetivo, ${level}.`,
  beyondTarget: (current, target) => `Tu objetivo, ${target}, está por debajo de tu nivel actual, ${current}: no queda nada en el camino.`,
  stale: 'No se puede mostrar tu camino: los niveles o roles de esta habilidad cambiaron desde tu evaluación. Actualiza tu evaluación para verlo de nuevo.',
  unassessed: 'Aún no te has evaluado en esta habilidad: evalúate para ver tu camino.',
  loading: 'Cargando tu camino…',
  loadFailed: 'No se pudo cargar tu camino ahora mismo. Vuelve a intentarlo en un momento.',
  notRated: 'sin valorar',
  leftTitle: 'Lo que queda por cubrir',
  alreadyMet: (levels) => `Valorado como cumplido en el camino: ${levels}.`,
  changesTitle: (from, to) => `Qué cambia de ${from} a ${to}`,
  noChanges: (from, to) => `${from} o ${to} no tiene expectativa para tu rol, así que no hay nada que comparar.`,
  more: (count) => `…y ${count} más: pulsa *Mi camino* para verlas todas.`,
};

const catalogs: Record<Locale, MyPathMessages> = { en, es };

export function myPathMessagesFor(locale: Locale): MyPathMessages {
  return catalogs[locale];
}
