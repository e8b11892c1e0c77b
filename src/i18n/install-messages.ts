import type { Locale } from '../config.js';

/**
 * The OAuth pages a person sees in their browser while installing the app (install-pages.ts), in English and
 * Spanish. The browser is not Slack, so we do not know the person's Slack language: every page says it in both.
 */

const en = {
  installTitle: 'Install Skill Ladder',
  installIntro: 'Add Skill Ladder to your Slack workspace: what each level expects, self-assessments and check-ins, in Slack.',
  installButton: 'Add to Slack',
  successTitle: 'Skill Ladder is installed',
  successBody: 'Skill Ladder is now in your workspace. In Slack, type /skill help in any channel to start.',
  successOpen: 'Open Slack',
  failureTitle: 'Skill Ladder was not installed',
  failureCancelled: 'The installation was cancelled in Slack. Nothing was installed.',
  failureState: 'This installation link has expired or was opened in another browser. Nothing was installed.',
  failureOther: 'Slack did not complete the installation. Nothing was installed.',
  failureRetry: 'Start again',
} as const;

export type InstallMessages = { [K in keyof typeof en]: string };

const es: InstallMessages = {
  installTitle: 'Instalar Skill Ladder',
  installIntro: 'Añade Skill Ladder a tu espacio de trabajo de Slack: lo que espera cada nivel, autoevaluaciones y seguimientos, en Slack.',
  installButton: 'Añadir a Slack',
  successTitle: 'Skill Ladder está instalado',
  successBody: 'Skill Ladder ya está en tu espacio de trabajo. En Slack, escribe /skill help en cualquier canal para empezar.',
  successOpen: 'Abrir Slack',
  failureTitle: 'Skill Ladder no se instaló',
  failureCancelled: 'La instalación se canceló en Slack. No se instaló nada.',
  failureState: 'Este enlace de instalación ha caducado o se abrió en otro navegador. No se instaló nada.',
  failureOther: 'Slack no completó la instalación. No se instaló nada.',
  failureRetry: 'Empezar de nuevo',
};

const catalogs: Record<Locale, InstallMessages> = { en, es };

export function installMessagesFor(locale: Locale): InstallMessages {
  return catalogs[locale];
}
