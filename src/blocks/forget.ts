import type { Locale } from '../config.js';
import { ACTION } from '../ids.js';
import { assessmentMessagesFor } from '../i18n/assessment-messages.js';
import { button, section, type SlackMessage } from './elements.js';

/** `/skill forget`: ask first (with Slack's own confirm dialog on the red button), then say what was deleted. */
export function buildForgetPrompt(locale: Locale, assessments: number, hasAnyData: boolean): SlackMessage {
  const t = assessmentMessagesFor(locale);
  if (!hasAnyData) return { text: t.forgetNothing, blocks: [section(t.forgetNothing)] };
  return {
    text: t.forgetTitle,
    blocks: [
      section(`*${t.forgetTitle}*\n${t.forgetBody(assessments)}`),
      {
        type: 'actions',
        elements: [
          {
            ...button({ actionId: ACTION.forgetConfirm, text: t.forgetConfirm, style: 'danger', value: 'confirm' }),
            confirm: {
              title: { type: 'plain_text', text: t.forgetConfirmTitle },
              text: { type: 'plain_text', text: t.forgetConfirmText },
              confirm: { type: 'plain_text', text: t.forgetConfirm },
              deny: { type: 'plain_text', text: t.cancel },
              style: 'danger',
            },
          },
          button({ actionId: ACTION.forgetCancel, text: t.cancel, value: 'cancel' }),
        ],
      },
    ],
  };
}

export function buildForgetDone(locale: Locale, assessments: number): SlackMessage {
  const text = assessmentMessagesFor(locale).forgetDone(assessments);
  return { text, blocks: [section(text)] };
}

export function buildForgetCancelled(locale: Locale): SlackMessage {
  const text = assessmentMessagesFor(locale).forgetCancelled;
  return { text, blocks: [section(text)] };
}
