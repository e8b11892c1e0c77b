import type { Locale } from '../config.js';
import { directMessageMessagesFor } from '../i18n/direct-message-messages.js';
import { messagesFor } from '../i18n/messages.js';
import { context, section } from './elements.js';
import type { SlackMessage } from './elements.js';

/** The short help sent when someone types in the app's Messages tab: what `/skill` does, and where to learn more. */
export function buildDirectMessageHelp(locale: Locale): SlackMessage {
  const t = directMessageMessagesFor(locale);
  const commands = messagesFor(locale).helpCommands.map(([command, what]) => `\`${command}\`: ${what}`);
  return { text: t.fallback, blocks: [section(`${t.intro}\n${commands.join('\n')}`), context(t.more)] };
}
