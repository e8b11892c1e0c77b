import type { Locale } from '../config.js';
import { ACTION } from '../ids.js';
import { assessmentMessagesFor } from '../i18n/assessment-messages.js';
import { sharingMessagesFor } from '../i18n/sharing-messages.js';
import { button, section, type SlackMessage } from './elements.js';

/** `/skill forget`: ask first (with Slack's own confirm dialog on the red button), then say what was deleted. */
export function buildForgetPrompt(locale: Locale, assessments: number, hasAnyData: boolean, messages = 0, shares = 0): SlackMessage {
  const t = assessmentMessagesFor(locale);
  if (!hasAnyData && messages === 0 && shares === 0) return { text: t.forgetNothing, blocks: [section(t.forgetNothing)] };
  const body = [
    t.forgetBody(assessments),
    messages > 0 ? t.forgetBodyMessages(messages) : undefined,
    shares > 0 ? sharingMessagesFor(locale).forgetShares(shares) : undefined,
  ]
    .filter(Boolean)
    .join('\n');
  return {
    text: t.forgetTitle,
    blocks: [
      section(`*${t.forgetTitle}*\n${body}`),
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

/** What was deleted, including our messages in Slack, and, honestly, any Slack would not delete. */
export function buildForgetDone(locale: Locale, deleted: { assessments: number; messagesDeleted?: number; messagesLeft?: number }): SlackMessage {
  const t = assessmentMessagesFor(locale);
  const { messagesDeleted = 0, messagesLeft = 0 } = deleted;
  const text = [
    t.forgetDone(deleted.assessments),
    messagesDeleted > 0 ? t.forgetMessagesDeleted(messagesDeleted) : undefined,
    messagesLeft > 0 ? t.forgetMessagesLeft(messagesLeft) : undefined,
  ]
    .filter(Boolean)
    .join(' ');
  return { text, blocks: [section(text)] };
}

export function buildForgetCancelled(locale: Locale): SlackMessage {
  const text = assessmentMessagesFor(locale).forgetCancelled;
  return { text, blocks: [section(text)] };
}
