import type { Locale } from '../config.js';

/**
 * "Agreed next steps" (docs/one-on-one-brief.md#agreed-next-steps): the **Record what we agreed** modal, its
 * confirmation, and the one line that shows the latest agreement. `es` has exactly the keys of `en` (the type
 * checks). Arguments arrive already escaped for mrkdwn.
 */

const en = {
  recordButton: 'Record what we agreed',
  modalTitle: 'What we agreed',
  loading: 'Loading…',
  save: 'Save',
  cancel: 'Cancel',
  close: 'Close',
  introOwner: 'Write down what you agreed in your 1:1. It is kept as your note, never edited afterwards; a lead you share the skill with sees it while the share holds.',
  introViewer: (owner: string) => `Write down what you and ${owner} agreed. It is kept as ${owner}'s note, for ${owner} to see; you see it in the brief while the share holds.`,
  skill: 'Skill',
  skillPlaceholder: 'Choose a skill',
  steps: 'Next steps',
  stepsPlaceholder: 'e.g. Ada leads the design review of the new consumer; we look at it again in two weeks',
  followUp: 'Follow-up date (optional)',
  followUpHint: 'A day after today, within a year.',
  other: 'Who did you talk with? (optional)',
  otherPlaceholder: 'Choose a person',
  nothingToRecord: 'There is no assessed skill here to record an agreement on.',
  errorSkill: 'Choose one of the skills listed.',
  errorSteps: 'Write the next steps you agreed.',
  errorStepsTooLong: (max: number, length: number) => `Keep it to ${max} characters (now ${length}).`,
  errorDatePast: 'Pick a day after today.',
  errorDateTooFar: 'Pick a day within a year from today.',
  errorOtherSelf: 'That is you: choose the other person, or leave it empty.',
  errorNotShared: (owner: string) => `${owner} no longer shares this skill with you, so nothing was saved.`,
  errorSaveFailed: 'Nothing was saved: the database did not answer in time. Press Save again in a moment.',
  doneTitle: 'Agreement saved',
  doneOwner: (skill: string) => `Saved as your note on *${skill}*. You will see it in \`/skill me\`, App Home, your next check-in and the 1:1 brief; a lead you share ${skill} with sees it in the brief.`,
  doneViewer: (owner: string, skill: string) => `Saved as ${owner}'s note on *${skill}*. ${owner} sees it in \`/skill me\`, App Home, their next check-in and the 1:1 brief; you see it in the brief while the share holds.`,
  doneFollowUp: (date: string) => `Follow-up date: ${date}.`,
  doneFollowUpAt: (when: string) => `Follow-up: ${when}, a DM with these steps (and a short one to the lead while the share holds).`,
  errorSaveUncertain: 'The database is slow: the note may still be saved. Look in `/skill me` in a minute before saving it again.',
  agreedWith: (person: string, date: string) => `Agreed with ${person} on ${date}:`,
  agreedOn: (date: string) => `Agreed on ${date}:`,
  followUpAhead: (date: string) => `follow-up on ${date}`,
  followUpToday: (date: string) => `follow-up today, ${date}`,
  followUpPassed: (date: string) => `follow-up was due ${date}`,
  changesSinceConversation: (date: string) => `Since the conversation on ${date}`,
  noChangeSinceConversation: 'No change since that conversation.',
};

export type AgreementMessages = Readonly<typeof en>;

const es: AgreementMessages = {
  recordButton: 'Anotar lo acordado',
  modalTitle: 'Lo que acordamos',
  loading: 'Cargando…',
  save: 'Guardar',
  cancel: 'Cancelar',
  close: 'Cerrar',
  introOwner: 'Anota lo que acordasteis en vuestro 1:1. Se guarda como nota tuya, sin editarse después; quien tenga compartida la habilidad la ve mientras dure lo compartido.',
  introViewer: (owner) => `Anota lo que acordaste con ${owner}. Se guarda como nota de ${owner}, para que la vea; tú la ves en el resumen mientras dure lo compartido.`,
  skill: 'Habilidad',
  skillPlaceholder: 'Elige una habilidad',
  steps: 'Próximos pasos',
  stepsPlaceholder: 'p. ej. Ada dirige la revisión de diseño del nuevo consumidor; lo volvemos a ver en dos semanas',
  followUp: 'Fecha de revisión (opcional)',
  followUpHint: 'Un día posterior a hoy, dentro de un año.',
  other: '¿Con quién hablaste? (opcional)',
  otherPlaceholder: 'Elige a una persona',
  nothingToRecord: 'Aquí no hay ninguna habilidad evaluada sobre la que anotar un acuerdo.',
  errorSkill: 'Elige una de las habilidades de la lista.',
  errorSteps: 'Escribe los próximos pasos que acordasteis.',
  errorStepsTooLong: (max, length) => `Máximo ${max} caracteres (ahora ${length}).`,
  errorDatePast: 'Elige un día posterior a hoy.',
  errorDateTooFar: 'Elige un día dentro de un año a partir de hoy.',
  errorOtherSelf: 'Eres tú: elige a la otra persona o déjalo vacío.',
  errorNotShared: (owner) => `${owner} ya no comparte contigo esta habilidad, así que no se ha guardado nada.`,
  errorSaveFailed: 'No se ha guardado nada: la base de datos no respondió a tiempo. Pulsa Guardar de nuevo en un momento.',
  doneTitle: 'Acuerdo guardado',
  doneOwner: (skill) => `Guardado como nota tuya sobre *${skill}*. Lo verás en \`/skill me\`, la pestaña Inicio, tu próximo seguimiento y el resumen 1:1; quien tenga compartida ${skill} lo ve en el resumen.`,
  doneViewer: (owner, skill) => `Guardado como nota de ${owner} sobre *${skill}*. ${owner} lo ve en \`/skill me\`, la pestaña Inicio, su próximo seguimiento y el resumen 1:1; tú lo ves en el resumen mientras dure lo compartido.`,
  doneFollowUp: (date) => `Fecha de revisión: ${date}.`,
  doneFollowUpAt: (when) => `Revisión: ${when}, un mensaje con estos pasos (y uno breve a quien lidera mientras dure lo compartido).`,
  errorSaveUncertain: 'La base de datos va lenta: puede que la nota aún se guarde. Mira `/skill yo` dentro de un minuto antes de guardarla otra vez.',
  agreedWith: (person, date) => `Acordado con ${person} el ${date}:`,
  agreedOn: (date) => `Acordado el ${date}:`,
  followUpAhead: (date) => `revisión el ${date}`,
  followUpToday: (date) => `revisión hoy, ${date}`,
  followUpPassed: (date) => `la revisión era el ${date}`,
  changesSinceConversation: (date) => `Desde la conversación del ${date}`,
  noChangeSinceConversation: 'Sin cambios desde esa conversación.',
};

export function agreementMessagesFor(locale: Locale): AgreementMessages {
  return locale === 'es' ? es : en;
}
