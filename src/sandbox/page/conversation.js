import { renderBlocks } from './blocks.js';
import { h, mrkdwn } from './dom.js';
import { dayText, hourText, tsDate } from './time-format.js';
import { words } from './words.js';

/**
 * A conversation's messages and the app's Home tab. `view` carries what the drawing needs from the page:
 * { state, person, userName(id), confirm(obj), act(endpoint, body) }.
 */

/** The message list, with a divider where the date changes (in the person's zone). */
export function renderMessageList(view, conversation) {
  const nodes = [];
  let lastDay = '';
  for (const message of conversation.messages) {
    const day = dayText(view.person, tsDate(message.ts));
    if (day !== lastDay) nodes.push(h('div', { class: 'day-divider' }, h('span', { text: day })));
    lastDay = day;
    nodes.push(renderMessage(view, conversation, message));
  }
  if (nodes.length === 0) nodes.push(emptyConversation(view.state, conversation));
  return nodes;
}

function emptyConversation(state, conversation) {
  const intro = conversation.kind === 'im' ? words().dmIntro(state.bot.name) : words().channelIntro;
  return h('div', { class: 'conversation-intro', text: intro });
}

function renderMessage(view, conversation, message) {
  const { state, userName } = view;
  const isBot = message.author === state.bot.userId;
  const isSlackbot = message.author === 'slackbot';
  const name = userName(message.author) ?? message.author;
  const initials = isBot ? 'SL' : isSlackbot ? 'SB' : name.split(' ').map((w) => w[0]).join('').slice(0, 2);
  const sent = tsDate(message.ts);
  const ctx = {
    surface: 'message',
    viewKey: `${conversation.id}-${message.ts}`,
    userName,
    confirm: view.confirm,
    act: (ref, choice) => view.act('message-action', { channel: conversation.id, ts: message.ts, blockIndex: ref.blockIndex, actionId: ref.actionId, choice }),
  };
  const content = message.blocks.length > 0 ? renderBlocks(message.blocks, ctx) : h('div', { class: 'message-text' }, mrkdwn(message.text, { userName }));
  return h(
    'article',
    { class: `message${message.ephemeral ? ' ephemeral' : ''}`, data: { testid: 'message', ts: message.ts, author: message.author, ephemeral: message.ephemeral } },
    h('div', { class: `avatar${isBot ? ' bot' : isSlackbot ? ' slackbot' : ''}`, text: initials, attrs: { 'aria-hidden': 'true' } }),
    h(
      'div',
      { class: 'message-body' },
      h(
        'div',
        { class: 'message-meta' },
        h('span', { class: 'author', text: name }),
        isBot ? h('span', { class: 'app-badge', text: words().appBadge }) : null,
        h('time', { class: 'message-time', text: hourText(view.person, sent), attrs: { datetime: sent.toISOString() } }),
        message.edited ? h('span', { class: 'edited', text: words().edited }) : null,
      ),
      message.ephemeral
        ? h('div', { class: 'ephemeral-note', data: { testid: 'only-visible-to-you' } }, h('span', { class: 'eye', attrs: { 'aria-hidden': 'true' } }), words().onlyVisibleToYou)
        : null,
      content,
      message.files && message.files.length > 0 ? renderFiles(message.files) : null,
    ),
  );
}

/** Files shared with a message (an export): name, size and a link that downloads it, as Slack's file cards do. */
function renderFiles(files) {
  return h(
    'div',
    { class: 'message-files' },
    ...files.map((file) =>
      h(
        'a',
        { class: 'message-file', data: { testid: 'file' }, attrs: { href: file.href, download: file.name } },
        h('span', { class: 'file-name', text: file.title || file.name }),
        h('span', { class: 'file-meta', text: `${file.mimetype} · ${file.size.toLocaleString()} B` }),
      ),
    ),
  );
}

/** App Home: the published view, or a placeholder until the app has published one. */
export function renderHomeView(view) {
  const home = view.state.home;
  if (!home) return h('div', { class: 'conversation-intro', text: words().openingHome });
  const ctx = {
    surface: 'home',
    viewKey: home.id,
    userName: view.userName,
    confirm: view.confirm,
    act: (ref, choice) => view.act('view-action', { viewId: home.id, blockIndex: ref.blockIndex, actionId: ref.actionId, choice }),
  };
  return h('div', { class: 'home-view', data: { testid: 'home', viewId: home.id } }, renderBlocks(home.blocks, ctx));
}
