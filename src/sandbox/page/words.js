/**
 * The page's own words (its chrome, not the app's messages) in the acting person's language, as Slack's client
 * speaks the language of whoever is signed in. English and Spanish, like the app; any other locale gets English,
 * which is also what the app falls back to.
 */

const en = {
  lang: 'en',
  actingAs: 'Acting as',
  workspace: 'Workspace',
  conversations: 'Conversations',
  channels: 'Channels',
  apps: 'Apps',
  hasMessages: 'has messages',
  home: 'Home',
  messages: 'Messages',
  message: 'Message',
  send: 'Send',
  examples: 'Examples',
  composerPlaceholder: (where) => `Message ${where}  (try /skill nats senior)`,
  dmIntro: (bot) => `This is the start of your direct messages with ${bot}. Type a command such as /skill nats senior below.`,
  channelIntro: 'This is the very beginning of #general. Type /skill nats senior below to see a level card.',
  onlyVisibleToYou: 'Only visible to you',
  edited: '(edited)',
  appBadge: 'APP',
  openingHome: 'Opening Home…',
  sandboxClock: 'Sandbox clock',
  clockHelp: 'Fast-forward runs the real check-in scheduler as if this much time had passed.',
  fastForward: 'Fast-forward',
  plusHour: '+1 hour',
  plusDay: '+1 day',
  plusWeek: '+1 week',
  toNextCheckin: 'To next check-in',
  noCheckinWhy: 'No check-in is scheduled for this person: save a self-assessment with a check-in cadence first (or resume paused check-ins).',
  nextCheckin: (when) => `Next check-in: ${when}`,
  noCheckin: 'No check-in scheduled',
  inStep: 'in step with real time',
  ahead: (parts) => `${parts} ahead of real time`,
  units: { d: 'd', h: 'h', min: 'min' },
  moved: (label, when, sent) => `${label}: the sandbox clock now reads ${when}. ${sent === 1 ? '1 check-in sent' : `${sent} check-ins sent`}.`,
  couldNotMove: 'Could not move the clock.',
  didNotWork: 'That did not work.',
  trouble: 'We had some trouble connecting. Try again?',
  required: 'Please complete this required field.',
  selectOption: 'Select an option',
  optional: ' (optional)',
  moreActions: 'More actions',
  cancel: 'Cancel',
  close: 'Close',
  areYouSure: 'Are you sure?',
  yes: 'Yes',
  unknownBlock: (type) => `(a "${type}" block: the sandbox does not draw this type)`,
  unknownElement: (type) => `(a "${type}" element)`,
  unreachable: 'The sandbox server is not reachable. Is `npm start` still running?',
  answered: (status) => `The sandbox answered HTTP ${status}`,
};

const es = {
  lang: 'es',
  actingAs: 'Actuando como',
  workspace: 'Espacio de trabajo',
  conversations: 'Conversaciones',
  channels: 'Canales',
  apps: 'Aplicaciones',
  hasMessages: 'tiene mensajes',
  home: 'Inicio',
  messages: 'Mensajes',
  message: 'Mensaje',
  send: 'Enviar',
  examples: 'Ejemplos',
  composerPlaceholder: (where) => `Enviar un mensaje a ${where}  (prueba /skill nats senior)`,
  dmIntro: (bot) => `Aquí empiezan tus mensajes directos con ${bot}. Escribe abajo un comando, por ejemplo /skill nats senior.`,
  channelIntro: 'Aquí empieza #general. Escribe abajo /skill nats senior para ver la ficha de un nivel.',
  onlyVisibleToYou: 'Solo visible para ti',
  edited: '(editado)',
  appBadge: 'APP',
  openingHome: 'Abriendo Inicio…',
  sandboxClock: 'Reloj del sandbox',
  clockHelp: 'Avanzar el reloj ejecuta el planificador real de seguimientos como si hubiera pasado ese tiempo.',
  fastForward: 'Avanzar el reloj',
  plusHour: '+1 hora',
  plusDay: '+1 día',
  plusWeek: '+1 semana',
  toNextCheckin: 'Al próximo seguimiento',
  noCheckinWhy: 'Esta persona no tiene ningún seguimiento programado: guarda antes una autoevaluación con una frecuencia de seguimiento (o reanuda los seguimientos en pausa).',
  nextCheckin: (when) => `Próximo seguimiento: ${when}`,
  noCheckin: 'Ningún seguimiento programado',
  inStep: 'al mismo ritmo que la hora real',
  ahead: (parts) => `${parts} por delante de la hora real`,
  units: { d: 'd', h: 'h', min: 'min' },
  moved: (label, when, sent) => `${label}: el reloj del sandbox marca ahora ${when}. ${sent === 1 ? 'Se ha enviado 1 seguimiento' : `Se han enviado ${sent} seguimientos`}.`,
  couldNotMove: 'No se pudo mover el reloj.',
  didNotWork: 'No ha funcionado.',
  trouble: 'Hemos tenido problemas para conectar. ¿Lo intentas de nuevo?',
  required: 'Completa este campo obligatorio.',
  selectOption: 'Selecciona una opción',
  optional: ' (opcional)',
  moreActions: 'Más acciones',
  cancel: 'Cancelar',
  close: 'Cerrar',
  areYouSure: '¿Seguro?',
  yes: 'Sí',
  unknownBlock: (type) => `(un bloque "${type}": el sandbox no dibuja este tipo)`,
  unknownElement: (type) => `(un elemento "${type}")`,
  unreachable: 'No se puede conectar con el servidor del sandbox. ¿Sigue en marcha `npm start`?',
  answered: (status) => `El sandbox respondió HTTP ${status}`,
};

/** The words for a Slack locale such as `es-ES` or `en-GB`. */
export function wordsFor(locale) {
  return String(locale ?? '').toLowerCase().startsWith('es') ? es : en;
}

let current = en;

/** The acting person's words; the page sets them whenever the person changes. */
export const words = () => current;

export function useWordsFor(locale) {
  current = wordsFor(locale);
  return current;
}
