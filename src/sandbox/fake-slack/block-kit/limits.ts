/**
 * The limits the validator enforces. Every number is listed in docs/slack-limits.md, in the section named next to
 * it. Where sources disagree the conservative value is used (option `value` 75, not 150). Characters are counted
 * with JS `.length` (UTF-16 code units), which is never fewer than code points: the safe side (top of
 * docs/slack-limits.md).
 */
export const BLOCK_KIT_LIMITS = {
  messageBlocks: 50, // surfaces
  viewBlocks: 100, // surfaces
  modalTitle: 24, // surfaces
  modalButton: 24, // surfaces: submit / close
  privateMetadata: 3000, // surfaces
  callbackId: 255, // surfaces
  externalId: 255, // surfaces
  viewBytes: 250_000, // surfaces: "250 kB" (view_too_large); 1000-byte kB is the safe reading
  blockId: 255, // surfaces
  actionId: 255, // elements
  textObject: 3000, // elements: text object max; field-specific limits override
  sectionText: 3000, // blocks
  sectionFields: 10, // blocks
  sectionFieldText: 2000, // blocks
  headerText: 150, // blocks
  contextElements: 10, // blocks
  actionsElements: 25, // blocks
  inputLabel: 2000, // blocks
  inputHint: 2000, // blocks
  imageAltText: 2000, // blocks
  imageUrl: 3000, // blocks
  imageTitle: 2000, // blocks
  markdownText: 12_000, // blocks, cumulative across markdown blocks in one payload
  buttonText: 75, // elements
  buttonValue: 2000, // elements
  buttonUrl: 3000, // elements
  accessibilityLabel: 75, // elements
  placeholder: 150, // elements
  selectOptions: 100, // elements
  optionGroups: 100, // elements
  optionGroupLabel: 75, // elements
  optionText: 75, // elements
  optionValue: 75, // elements: docs say 150, @slack/types says 75 → 75 is safe
  optionDescription: 75, // elements
  optionUrl: 3000, // elements
  choiceOptions: 10, // elements: radio_buttons / checkboxes
  overflowOptions: 5, // elements (1–5)
  inputLength: 3000, // elements: plain_text_input min_length 0–3000, max_length 1–3000
  confirmTitle: 100, // elements
  confirmText: 300, // elements
  confirmButton: 30, // elements: confirm / deny
  messageText: 40_000, // message text: longer text is truncated (message_truncated); keep ≤ 4,000 as guidance
  messageBlocksText: 12_000, // message text: msg_blocks_too_long, undocumented cumulative limit
} as const;
