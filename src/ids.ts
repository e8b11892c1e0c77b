/**
 * Every command name, action_id, block_id and callback_id, shared by the builders and the listeners so a renamed
 * id breaks the compiler, not production.
 */
export const COMMAND = '/skill';

export const ACTION = {
  /** ◀ / ▶ level buttons and the overview's per-level buttons; value = card reference. */
  openLevel: 'open_level',
  /** Role filter select on a level card; option value = card reference. */
  filterRole: 'filter_role',
  /** Suggestion buttons and the list's skill buttons; value = skill id. */
  openSkill: 'open_skill',
  /** "Assess myself"; value = card reference (or skill id). */
  assess: 'assess_open',
  /** "Share in channel"; value = card reference. */
  share: 'share_card',
} as const;

export const BLOCK = {
  cardActions: 'card_actions',
} as const;

export type ActionId = (typeof ACTION)[keyof typeof ACTION];
