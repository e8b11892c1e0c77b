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
  /** Role select inside the self-assessment modal: redraws the requirement texts. */
  assessmentRole: 'assessment_role',
  /** Comparison card: ◀ / ▶ (both levels one step), ⇄ swap; value = comparison reference. */
  openCompare: 'open_compare',
  /** "Compare with…" select on a level card; option value = comparison reference. */
  compareWith: 'compare_with',
  /** Role filter select on a comparison card; option value = comparison reference. */
  filterCompare: 'filter_compare',
  /** "Share in channel" on a comparison card; value = comparison reference. */
  shareCompare: 'share_compare',
  /** "My path" (App Home, `/skill me`, the confirmation DM): opens the path modal; value = skill id. */
  openPath: 'open_path',
  /** Check-in controls (DM, App Home, /skill me). Snooze value = `1d` or `1w`. */
  snooze: 'checkin_snooze',
  pause: 'checkin_pause',
  resume: 'checkin_resume',
  /** "Keep weekly" on a check-in sent at a slower cadence: back to the chosen one. */
  keepCadence: 'checkin_keep_cadence',
  /** "Pause until…": opens the pause modal (VIEW.pauseUntil). */
  pauseUntil: 'checkin_pause_until',
  /** "Export my data" in App Home: the same as `/skill export`. */
  exportData: 'export_my_data',
  /** `/skill forget` confirmation. */
  forgetConfirm: 'forget_confirm',
  forgetCancel: 'forget_cancel',
  /** "Share with…" (my skills, the confirmation DM); value = skill id, or empty for all skills. */
  shareWith: 'share_with',
  /** "Open" on a share DM or in "Shared with me"; value = share id. */
  openShared: 'shared_open',
  /** "Revoke" in "Who can see my growth"; value = share id. */
  revokeShare: 'share_revoke',
  /** "Prepare 1:1" on a shared picture; value = the owner's user id. */
  prepareBrief: 'brief_prepare',
  /** "Open brief" on a lead's follow-up DM: opens the brief as a modal; value = the owner's user id. */
  openBrief: 'brief_open',
  /** "Done" on a follow-up DM; value = the owner's delivery id. */
  followUpDone: 'follow_up_done',
  /** "Record what we agreed" on the 1:1 brief (message or modal); value = the owner's user id. */
  recordAgreement: 'agreement_record',
  /** "Change follow-up" on the owner's latest agreement (my skills): opens VIEW.moveFollowUp; value = the note id. */
  moveFollowUp: 'follow_up_move',
} as const;

export const VIEW = {
  assessment: 'assessment_modal',
  /** The "My path" modal: read only (no submit), so nothing listens for it. */
  myPath: 'my_path_modal',
  share: 'share_modal',
  /** The read-only picture a viewer opens: no submit, nothing to handle. */
  sharedPicture: 'shared_picture',
  pauseUntil: 'pause_until_modal',
  /** The 1:1 brief pushed from a shared picture: read only, nothing to handle. */
  brief: 'one_on_one_brief',
  /** "Record what we agreed": the next steps of a 1:1, saved as the owner's conversation note. */
  agreement: 'agreement_modal',
  /** Moving (or dropping) a pending follow-up's date; private_metadata = the note id. */
  moveFollowUp: 'follow_up_move_modal',
} as const;

/** Slack message metadata event type on check-in DMs; its payload carries the delivery id for reconciliation. */
export const CHECKIN_EVENT_TYPE = 'skill_ladder_checkin';

export const BLOCK = {
  cardActions: 'card_actions',
  compareActions: 'compare_actions',
} as const;
