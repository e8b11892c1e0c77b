import { localeFromSlack } from '../i18n/format.js';
import { findSandboxUser } from './sandbox-people.js';

/**
 * What the sandbox itself says (not the app): its notice, Slackbot's notices and the answers the page shows as
 * toasts or in a modal, in the acting person's language, as Slack's own client and Slackbot speak the language of
 * whoever is signed in. The page's fixed words live in page/words.js.
 */

export interface SandboxWords {
  notice: string;
  notACommand(name: string): string;
  commandFailed(reason: string, status: string): string;
  timeout: string;
  noPersonOrConversation: string;
  noPerson: string;
  messageGone: string;
  viewGone: string;
  modalGone: string;
  modalClosed: string;
  noSuchElement(actionId: string): string;
  failed(what: 'click' | 'action' | 'close'): string;
  troubleTimeout: string;
  troubleNoAck: string;
  troubleStatus(status: number): string;
  rejectedView: string;
  noCheckin: string;
  onlyForward: string;
}

const en: SandboxWords = {
  notice: 'This is a local sandbox that imitates Slack for Skill Ladder. It is not Slack: nothing leaves this computer.',
  notACommand: (name) => `${name} is not a valid command. In Slack, all messages that start with the "/" character are interpreted as commands. This sandbox has one: /skill.`,
  commandFailed: (reason, status) => `/skill failed with the error "${reason}" (HTTP ${status}).`,
  timeout: 'timeout',
  noPersonOrConversation: 'No such person or conversation in the sandbox.',
  noPerson: 'No such person in the sandbox.',
  messageGone: 'That message is gone (replaced or deleted).',
  viewGone: 'That view is closed or belongs to someone else.',
  modalGone: 'That modal is closed or belongs to someone else.',
  modalClosed: 'That modal is already closed.',
  noSuchElement: (actionId) => `There is no element ${actionId} there that accepts that choice.`,
  failed: (what) => ({ click: 'That click failed', action: 'That action failed', close: 'Closing the modal failed' })[what],
  troubleTimeout: 'We had some trouble connecting (the app did not answer in time).',
  troubleNoAck: 'We had some trouble connecting (the app did not acknowledge within 3 seconds).',
  troubleStatus: (status) => `We had some trouble connecting (the app answered HTTP ${status}).`,
  rejectedView: 'The app answered with a view Slack would reject; see the server log.',
  noCheckin: 'No check-in is scheduled for this person: save a self-assessment with a check-in cadence first (or resume paused check-ins).',
  onlyForward: 'The sandbox clock only moves forward.',
};

const es: SandboxWords = {
  notice: 'Esto es un sandbox local que imita Slack para Skill Ladder. No es Slack: nada sale de este ordenador.',
  notACommand: (name) => `${name} no es un comando válido. En Slack, todos los mensajes que empiezan por "/" se interpretan como comandos. Este sandbox tiene uno: /skill.`,
  commandFailed: (reason, status) => `/skill ha fallado con el error "${reason}" (HTTP ${status}).`,
  timeout: 'sin respuesta',
  noPersonOrConversation: 'Esa persona o conversación no existe en el sandbox.',
  noPerson: 'Esa persona no existe en el sandbox.',
  messageGone: 'Ese mensaje ya no está (se ha sustituido o borrado).',
  viewGone: 'Esa vista está cerrada o es de otra persona.',
  modalGone: 'Esa ventana está cerrada o es de otra persona.',
  modalClosed: 'Esa ventana ya está cerrada.',
  noSuchElement: (actionId) => `Ahí no hay ningún elemento ${actionId} que acepte esa opción.`,
  failed: (what) => ({ click: 'El clic ha fallado', action: 'La acción ha fallado', close: 'No se ha podido cerrar la ventana' })[what],
  troubleTimeout: 'Hemos tenido problemas para conectar (la aplicación no respondió a tiempo).',
  troubleNoAck: 'Hemos tenido problemas para conectar (la aplicación no confirmó en 3 segundos).',
  troubleStatus: (status) => `Hemos tenido problemas para conectar (la aplicación respondió HTTP ${status}).`,
  rejectedView: 'La aplicación respondió con una vista que Slack rechazaría; mira el registro del servidor.',
  noCheckin: 'Esta persona no tiene ningún seguimiento programado: guarda antes una autoevaluación con una frecuencia de seguimiento (o reanuda los seguimientos en pausa).',
  onlyForward: 'El reloj del sandbox solo avanza.',
};

/** The words for a sandbox person (English for anyone the app does not speak to in Spanish). */
export function sandboxWords(userId: string | undefined): SandboxWords {
  return localeFromSlack(userId ? findSandboxUser(userId)?.locale : undefined, 'en') === 'es' ? es : en;
}
