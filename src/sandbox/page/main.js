/* global document, window, localStorage, requestAnimationFrame, URLSearchParams, Element */
import { getState, post, watchChanges } from './api.js';
import { renderHomeView, renderMessageList } from './conversation.js';
import { confirmDialog, toast } from './dialogs.js';
import { h } from './dom.js';
import { missingRequired, renderModal } from './modal.js';
import { aheadText, clockText } from './time-format.js';
import { useWordsFor, words } from './words.js';
import { focusables, focusedControl, focusFirstField, refocus } from './focus.js';

/**
 * The sandbox page: a Slack-like client for one workspace with four people. It keeps no app state of its own
 * beyond what the person is typing; everything shown comes from GET /sandbox/api/state, refetched whenever the
 * server's event stream says something changed.
 */

const USER_KEY = 'skill-ladder-sandbox.user';
const EXAMPLES = ['/skill help', '/skill list', '/skill nats', '/skill nats senior', '/skill nats senior go', '/skill assess nats', '/skill me', '/skill forget'];

const ui = {
  user: new URLSearchParams(window.location.search).get('user') ?? localStorage.getItem(USER_KEY),
  snapshot: null,
  place: 'general', // 'general' | 'app'
  appTab: 'home', // 'home' | 'messages', when place === 'app'
  drafts: new Map(), // view id → { block_id: { action_id: choice } }
  errors: new Map(), // view id → { block_id: message }
  trouble: new Map(), // view id → message
  submitting: false,
  rendered: { messages: '', home: '', modal: '', users: '', lang: '' },
  // Where the keyboard was before a modal took it, to give it back when the modal closes (as Slack does).
  lastFocus: null,
  focusError: false,
  opener: null,
};

const $ = (id) => document.getElementById(id);

// ---- data ------------------------------------------------------------------------------------------------------

let refreshing = null;
let refreshAgain = false;

/** Fetches the state and redraws; calls that arrive while a fetch runs are folded into one more fetch. */
function refresh() {
  if (refreshing) {
    refreshAgain = true;
    return refreshing;
  }
  refreshing = (async () => {
    try {
      do {
        refreshAgain = false;
        const asked = ui.user;
        const state = await getState(asked ?? '');
        // Someone else was chosen in "Acting as" while this was on its way: it is the previous person's state, and
        // drawing it would switch the page back to them. The loop fetches the new person's.
        if (ui.user !== asked) {
          refreshAgain = true;
          continue;
        }
        ui.snapshot = state;
        render();
      } while (refreshAgain);
    } catch (error) {
      toast(error instanceof Error ? error.message : String(error), 'error');
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

async function act(endpoint, body) {
  const result = await post(endpoint, { user: ui.user, ...body });
  if (!result.ok) toast(result.message ?? words().didNotWork, 'error');
  await refresh();
  return result;
}

function draftFor(viewId) {
  if (!ui.drafts.has(viewId)) ui.drafts.set(viewId, {});
  const store = ui.drafts.get(viewId);
  return {
    get: (blockId, actionId) => store[blockId]?.[actionId],
    set: (blockId, actionId, choice) => {
      (store[blockId] ??= {})[actionId] = choice;
    },
    edits: () => store,
  };
}

// ---- who is who ---------------------------------------------------------------------------------------------

function me() {
  return ui.snapshot?.users.find((u) => u.id === ui.user);
}

function userName(id) {
  if (!ui.snapshot) return undefined;
  if (id === ui.snapshot.bot.userId) return ui.snapshot.bot.name;
  if (id === 'slackbot') return 'Slackbot';
  return ui.snapshot.users.find((u) => u.id === id)?.realName;
}

// ---- rendering -------------------------------------------------------------------------------------------------

function render() {
  const state = ui.snapshot;
  if (!state) return;
  // The server answers for its first person when asked for nobody (first visit) or for someone it does not know.
  if (ui.user !== state.user) {
    ui.user = state.user;
    localStorage.setItem(USER_KEY, ui.user);
  }
  renderChrome(useWordsFor(me()?.locale));
  $('banner-text').textContent = state.notice;
  $('team-name').textContent = state.team.name;
  renderSidebar(state);
  renderPane(state);
  renderModalLayer(state);
}

/** The page's fixed words, redrawn when the acting person's language differs from what is on screen. */
function renderChrome(w) {
  if (ui.rendered.lang === w.lang) return;
  ui.rendered = { messages: '', home: '', modal: '', users: '', lang: w.lang };
  document.documentElement.lang = w.lang;
  for (const node of document.querySelectorAll('[data-word]')) node.textContent = w[node.dataset.word];
  for (const node of document.querySelectorAll('[data-word-label]')) node.setAttribute('aria-label', w[node.dataset.wordLabel]);
}

function renderSidebar(state) {
  const switcher = $('user-switcher');
  const usersKey = state.users.map((u) => u.id).join();
  if (ui.rendered.users !== usersKey) {
    switcher.replaceChildren(...state.users.map((u) => h('option', { attrs: { value: u.id }, text: u.realName })));
    ui.rendered.users = usersKey;
  }
  switcher.value = ui.user;
  const person = me();
  $('user-meta').replaceChildren(
    h('span', { class: 'presence', attrs: { 'aria-hidden': 'true' } }),
    `${person.realName} · ${person.locale} · ${person.tz.replace('_', ' ')}`,
  );
  const dm = state.conversations.find((c) => c.kind === 'im');
  const items = [
    h('div', { class: 'nav-heading', text: words().channels }),
    navItem('general', '# general', 'nav-general'),
    h('div', { class: 'nav-heading', text: words().apps }),
    navItem('app', state.bot.name, 'nav-app', dm?.messages.some((m) => !m.ephemeral && m.author === state.bot.userId)),
  ];
  $('nav').replaceChildren(...items);
  $('clock').textContent = clockText(me(), new Date(state.clock.now));
  $('clock').setAttribute('datetime', state.clock.now);
  $('clock-ahead').textContent = aheadText(state.clock.aheadMs);
  $('next-checkin').textContent = state.nextCheckin ? words().nextCheckin(clockText(me(), new Date(state.nextCheckin))) : words().noCheckin;
  // Nothing to move to: say why on the button rather than answering a click with an error.
  const toNext = document.querySelector('[data-testid="ff-next"]');
  toNext.disabled = !state.nextCheckin;
  if (state.nextCheckin) toNext.removeAttribute('title');
  else toNext.title = words().noCheckinWhy;
}

function navItem(place, label, testid, hasMessages = false) {
  const active = ui.place === place;
  return h(
    'button',
    {
      class: `nav-item${active ? ' active' : ''}`,
      data: { testid },
      attrs: { type: 'button', 'aria-current': active ? 'page' : false },
      on: { click: () => go(place, place === 'app' ? ui.appTab : undefined) },
    },
    place === 'app' ? h('span', { class: 'app-dot', text: 'SL', attrs: { 'aria-hidden': 'true' } }) : null,
    h('span', { text: label }),
    hasMessages && !active ? h('span', { class: 'nav-badge', attrs: { 'aria-label': words().hasMessages } }) : null,
  );
}

function go(place, tab) {
  ui.place = place;
  if (tab) ui.appTab = tab;
  ui.rendered.messages = '';
  ui.rendered.home = '';
  render();
  // Opening the app's tabs is an event the app hears about (app_home_opened), every time, as in Slack.
  if (place === 'app') void act('app-tab', { tab: ui.appTab });
  if (ui.place !== 'app' || ui.appTab === 'messages') $('composer-input').focus();
}

function currentConversation(state) {
  return state.conversations.find((c) => (ui.place === 'app' ? c.kind === 'im' : c.id === 'C0GENERAL'));
}

function renderPane(state) {
  const inApp = ui.place === 'app';
  const showHome = inApp && ui.appTab === 'home';
  $('pane-title').replaceChildren(...(inApp ? [h('span', { class: 'app-dot big', text: 'SL' }), state.bot.name] : ['# general']));
  $('tabs').hidden = !inApp;
  for (const tab of $('tabs').querySelectorAll('[data-tab]')) {
    const selected = tab.dataset.tab === ui.appTab;
    tab.classList.toggle('active', selected);
    tab.setAttribute('aria-selected', String(selected));
  }
  $('messages').hidden = showHome;
  $('composer').hidden = showHome;
  $('home').hidden = !showHome;
  if (showHome) renderHome(state);
  else renderMessages(state, currentConversation(state));
}

function renderMessages(state, conversation) {
  const key = JSON.stringify([ui.user, conversation.id, conversation.messages]);
  $('composer-input').placeholder = words().composerPlaceholder(ui.place === 'app' ? state.bot.name : '#general');
  if (ui.rendered.messages === key) return;
  ui.rendered.messages = key;
  const list = $('messages');
  list.replaceChildren(...renderMessageList(drawing(state), conversation));
  requestAnimationFrame(() => {
    list.scrollTop = list.scrollHeight;
  });
}

function renderHome(state) {
  const key = JSON.stringify([ui.user, state.home?.id, state.home?.hash, state.home?.blocks]);
  if (ui.rendered.home === key) return;
  ui.rendered.home = key;
  $('home').replaceChildren(renderHomeView(drawing(state)));
}

/** What conversation.js needs from the page. */
function drawing(state) {
  return { state, person: me(), userName, confirm: (confirm) => confirmDialog(confirm, { userName }), act };
}

function renderModalLayer(state) {
  const view = state.modal;
  const root = $('modal-root');
  if (!view) {
    if (root.firstChild) {
      root.replaceChildren();
      giveFocusBack();
    }
    ui.rendered.modal = '';
    return;
  }
  const errors = ui.errors.get(view.id) ?? {};
  const trouble = ui.trouble.get(view.id) ?? '';
  const key = JSON.stringify([ui.user, view.id, view.hash, errors, trouble, ui.submitting]);
  if (ui.rendered.modal === key) return;
  const scroll = root.querySelector('.modal-body')?.scrollTop ?? 0;
  const opening = !root.querySelector('.modal');
  const focused = opening ? null : focusedControl(root);
  ui.rendered.modal = key;
  const draft = draftFor(view.id);
  root.replaceChildren(
    renderModal(view, {
      draft,
      errors,
      trouble,
      busy: ui.submitting,
      userName,
      people: () => ui.snapshot?.users ?? [],
      confirm: (confirm) => confirmDialog(confirm, { userName }),
      act: (ref, choice) => act('view-action', { viewId: view.id, blockIndex: ref.blockIndex, actionId: ref.actionId, choice, edits: draft.edits() }),
      onSubmit: () => submitModal(view, draft),
      onClose: () => closeModal(view),
    }),
  );
  const body = root.querySelector('.modal-body');
  if (body) body.scrollTop = scroll;
  const modal = root.querySelector('.modal');
  if (opening) {
    ui.opener = ui.lastFocus;
    focusFirstField(modal);
  }
  const firstError = root.querySelector('.has-error');
  if (firstError && ui.focusError) {
    // After an error, take the person to the first field that needs them.
    ui.focusError = false;
    firstError.scrollIntoView({ block: 'center' });
    focusables(firstError)[0]?.focus({ preventScroll: true });
  } else if (!opening && !refocus(modal, focused) && !modal.contains(document.activeElement)) {
    focusFirstField(modal);
  }
}

/** Back to where the keyboard was before the modal opened, or to the composer when that is gone. */
function giveFocusBack() {
  const opener = ui.opener;
  ui.opener = null;
  if (opener?.isConnected && !opener.disabled && opener.getClientRects().length > 0) opener.focus({ preventScroll: true });
  else if (!$('composer').hidden) $('composer-input').focus({ preventScroll: true });
}

async function submitModal(view, draft) {
  const missing = missingRequired(view, draft);
  if (Object.keys(missing).length > 0) {
    ui.errors.set(view.id, missing);
    ui.focusError = true;
    ui.rendered.modal = '';
    render();
    return;
  }
  ui.errors.delete(view.id);
  ui.trouble.delete(view.id);
  ui.submitting = true;
  render();
  const result = await post('view-submit', { user: ui.user, viewId: view.id, edits: draft.edits() });
  ui.submitting = false;
  if (!result.ok) ui.trouble.set(view.id, result.message ?? 'We had some trouble connecting. Try again?');
  else if (result.errors) {
    ui.errors.set(view.id, result.errors);
    ui.focusError = true;
  }
  else if (result.closed) {
    ui.drafts.delete(view.id);
    ui.errors.delete(view.id);
  }
  ui.rendered.modal = '';
  await refresh();
}

async function closeModal(view) {
  ui.drafts.delete(view.id);
  ui.errors.delete(view.id);
  await act('view-close', { viewId: view.id });
}

// ---- controls --------------------------------------------------------------------------------------------------

async function send() {
  const input = $('composer-input');
  const text = input.value;
  if (text.trim() === '') return;
  const conversation = currentConversation(ui.snapshot);
  input.value = '';
  input.style.height = 'auto';
  await act('compose', { channel: conversation.id, text });
}

async function fastForward(body, word) {
  const result = await post('fast-forward', { user: ui.user, ...body });
  if (!result.ok) {
    toast(result.message ?? words().couldNotMove, 'error');
    return;
  }
  toast(words().moved(words()[word], clockText(me(), new Date(result.to)), result.sent), 'info');
  await refresh();
}

function setUp() {
  $('user-switcher').addEventListener('change', (event) => {
    ui.user = event.target.value;
    localStorage.setItem(USER_KEY, ui.user);
    // Notices were for the person acting before (and in their language).
    $('toasts').replaceChildren();
    ui.rendered = { messages: '', home: '', modal: '', users: ui.rendered.users };
    void refresh().then(() => {
      if (ui.place === 'app') void act('app-tab', { tab: ui.appTab });
    });
  });
  for (const tab of $('tabs').querySelectorAll('[data-tab]')) tab.addEventListener('click', () => go('app', tab.dataset.tab));
  const input = $('composer-input');
  // The composer grows with its text, up to the CSS max-height, like Slack's.
  const fit = () => {
    input.style.height = 'auto';
    input.style.height = `${input.scrollHeight}px`;
  };
  input.addEventListener('input', fit);
  input.addEventListener('keydown', (event) => {
    // Enter sends, Shift+Enter makes a new line; never while an input method is composing a character.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void send();
    }
  });
  $('composer').addEventListener('submit', (event) => {
    event.preventDefault();
    void send();
  });
  $('hints').replaceChildren(
    ...EXAMPLES.map((example) =>
      h('button', {
        class: 'hint',
        attrs: { type: 'button' },
        text: example,
        on: {
          click: () => {
            input.value = example;
            input.focus();
          },
        },
      }),
    ),
  );
  const forward = [
    ['ff-1h', 'plusHour', { by: '1h' }],
    ['ff-1d', 'plusDay', { by: '1d' }],
    ['ff-1w', 'plusWeek', { by: '1w' }],
    ['ff-next', 'toNextCheckin', { to: 'next-checkin' }],
  ];
  $('fast-forward').replaceChildren(
    ...forward.map(([testid, word, body]) =>
      h('button', { class: 'ff-button', data: { testid, word }, attrs: { type: 'button' }, text: words()[word], on: { click: () => void fastForward(body, word) } }),
    ),
  );
  // Focus stays in an open modal (Slack's modals are modal), and the page remembers where it was before one.
  document.addEventListener('focusin', (event) => {
    const target = event.target;
    if (!(target instanceof Element) || target.closest('.confirm-overlay')) return;
    const modal = $('modal-root').querySelector('.modal');
    if (!modal) ui.lastFocus = target;
    else if (!modal.contains(target)) focusFirstField(modal);
  });
  watchChanges(() => void refresh());
  // Keep the clock line moving even when nothing happens.
  window.setInterval(() => {
    if (ui.snapshot) void refresh();
  }, 30_000);
}

setUp();
// A reload is a fresh Slack client: open modals and "only visible to you" messages do not come back.
void post('client-restart', { user: ui.user ?? '' }).finally(() => void refresh());
