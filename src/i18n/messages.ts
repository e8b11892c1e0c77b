import type { Locale } from '../config.js';

/**
 * Every word the app says, in English and Spanish. `es` must have exactly the same keys as `en` (the type checks
 * it), so no surface can fall back to a missing string. Values that take arguments are functions.
 */

const en = {
  levelOf: (n: number, total: number) => `Level ${n} of ${total}`,
  updated: (date: string) => `Updated ${date}`,
  expects: (level: string) => `What ${level} expects`,
  toReach: (level: string) => `To reach ${level}`,
  topLevel: (level: string) => `${level} is the top of this ladder: keep deepening it and help others climb.`,
  bottomLevelNote: (level: string) => `${level} is where this ladder starts.`,
  required: 'Required',
  optional: 'Optional',
  previous: (level: string) => `◀ ${level}`,
  next: (level: string) => `${level} ▶`,
  allRoles: 'All roles',
  filterRole: 'Filter by role',
  assessMyself: 'Assess myself',
  share: 'Share in channel',
  sharedBy: (user: string) => `Shared by ${user}`,
  roles: 'Roles',
  ladder: 'The ladder',
  open: 'Open',
  openLevel: (level: string) => `Open ${level}`,
  cardFallback: (skill: string, level: string) => `${skill}: what ${level} expects, and what the next level adds`,
  overviewFallback: (skill: string) => `${skill}: the skill ladder`,
  helpTitle: 'Skill Ladder',
  helpIntro:
    'Look up what each level of a skill expects from your role, compare it with the next level, and assess yourself.',
  helpUsage: 'How to use it',
  helpCommands: [
    ['/skill list', 'every skill in the catalog'],
    ['/skill <skill>', 'a skill and its levels'],
    ['/skill <skill> <level>', 'what a level expects and what the next one adds'],
    ['/skill <skill> <level> <role>', 'the same, for one role'],
    ['/skill assess <skill>', 'assess yourself and set goals'],
    ['/skill me', 'your assessments, goals and next check-in'],
    ['/skill forget', 'delete everything Skill Ladder stores about you'],
  ] as [string, string][],
  helpExamples: 'Examples',
  helpAliases: 'Levels can be written as words, short forms or numbers: `jr`, `mid`, `semi-senior`, `sr`, `lead`, `3`.',
  helpSkills: 'Skills in the catalog',
  helpFallback: 'Skill Ladder: how to use /skill',
  listTitle: 'Skill catalog',
  listFallback: (count: number) => `Skill catalog: ${count} ${count === 1 ? 'skill' : 'skills'}`,
  andMore: (count: number) => `…and ${count} more. Ask with \`/skill <name>\`.`,
  unknownSkill: (word: string) => `I don't know the skill “${word}”.`,
  unknownLevel: (word: string, skill: string) => `“${word}” is not a level of ${skill}.`,
  unknownRole: (word: string, skill: string) => `“${word}” is not a role in ${skill}.`,
  didYouMean: 'Did you mean:',
  levelsAre: (levels: string) => `Levels: ${levels}.`,
  rolesAre: (roles: string) => `Roles: ${roles}.`,
  tryList: 'Type `/skill list` to see every skill, or `/skill help` for examples.',
  ignoredWords: (words: string) => `I ignored the extra words “${words}”.`,
  somethingWentWrong: 'Something went wrong on our side. Please try again in a moment.',
  databaseBusy: 'I cannot read your data right now: our database is busy. Nothing was changed; please try again in a minute.',
  staleButton: 'That button is out of date. Run `/skill` again to get a fresh card.',
};

/** `en` is written without `as const`, so its type is the shape every language fills in. */
export type Messages = Readonly<typeof en>;

const es: Messages = {
  levelOf: (n, total) => `Nivel ${n} de ${total}`,
  updated: (date) => `Actualizado el ${date}`,
  expects: (level) => `Qué se espera de ${level}`,
  toReach: (level) => `Para llegar a ${level}`,
  topLevel: (level) => `${level} es la cima de esta escalera: sigue profundizando y ayuda a otros a subir.`,
  bottomLevelNote: (level) => `${level} es donde empieza esta escalera.`,
  required: 'Obligatorio',
  optional: 'Opcional',
  previous: (level) => `◀ ${level}`,
  next: (level) => `${level} ▶`,
  allRoles: 'Todos los roles',
  filterRole: 'Filtrar por rol',
  assessMyself: 'Autoevaluarme',
  share: 'Compartir en el canal',
  sharedBy: (user) => `Compartido por ${user}`,
  roles: 'Roles',
  ladder: 'La escalera',
  open: 'Abrir',
  openLevel: (level) => `Abrir ${level}`,
  cardFallback: (skill, level) => `${skill}: qué se espera de ${level} y qué añade el siguiente nivel`,
  overviewFallback: (skill) => `${skill}: la escalera de la habilidad`,
  helpTitle: 'Skill Ladder',
  helpIntro:
    'Consulta qué espera cada nivel de una habilidad para tu rol, compáralo con el siguiente nivel y autoevalúate.',
  helpUsage: 'Cómo se usa',
  helpCommands: [
    ['/skill list', 'todas las habilidades del catálogo'],
    ['/skill <habilidad>', 'una habilidad y sus niveles'],
    ['/skill <habilidad> <nivel>', 'qué espera un nivel y qué añade el siguiente'],
    ['/skill <habilidad> <nivel> <rol>', 'lo mismo, para un rol'],
    ['/skill assess <habilidad>', 'autoevalúate y fija objetivos'],
    ['/skill me', 'tus evaluaciones, objetivos y próximo seguimiento'],
    ['/skill forget', 'borra todo lo que Skill Ladder guarda sobre ti'],
  ],
  helpExamples: 'Ejemplos',
  helpAliases: 'Los niveles se escriben con palabras, abreviaturas o números: `jr`, `mid`, `semi-senior`, `sr`, `lead`, `3`.',
  helpSkills: 'Habilidades del catálogo',
  helpFallback: 'Skill Ladder: cómo usar /skill',
  listTitle: 'Catálogo de habilidades',
  listFallback: (count) => `Catálogo de habilidades: ${count} ${count === 1 ? 'habilidad' : 'habilidades'}`,
  andMore: (count) => `…y ${count} más. Pregunta con \`/skill <nombre>\`.`,
  unknownSkill: (word) => `No conozco la habilidad «${word}».`,
  unknownLevel: (word, skill) => `«${word}» no es un nivel de ${skill}.`,
  unknownRole: (word, skill) => `«${word}» no es un rol de ${skill}.`,
  didYouMean: '¿Quisiste decir…?',
  levelsAre: (levels) => `Niveles: ${levels}.`,
  rolesAre: (roles) => `Roles: ${roles}.`,
  tryList: 'Escribe `/skill list` para ver todas las habilidades, o `/skill help` para ver ejemplos.',
  ignoredWords: (words) => `He ignorado las palabras de más «${words}».`,
  somethingWentWrong: 'Algo ha fallado por nuestra parte. Inténtalo de nuevo en un momento.',
  databaseBusy: 'Ahora no puedo leer tus datos: nuestra base de datos está ocupada. No se ha cambiado nada; inténtalo de nuevo en un minuto.',
  staleButton: 'Ese botón está desactualizado. Vuelve a escribir `/skill` para obtener una tarjeta nueva.',
};

const catalogs: Record<Locale, Messages> = { en, es };

export function messagesFor(locale: Locale): Messages {
  return catalogs[locale];
}
