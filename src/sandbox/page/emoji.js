/**
 * The few emoji shortcodes Skill Ladder and Slack's usual replies use, as Unicode. Unknown codes stay as typed
 * (":unknown:"), which is also what Slack shows for an emoji it does not have.
 */
export const EMOJI = Object.freeze({
  arrow_forward: '▶️',
  arrow_backward: '◀️',
  arrow_right: '➡️',
  arrow_left: '⬅️',
  double_vertical_bar: '⏸️',
  zzz: '💤',
  white_check_mark: '✅',
  heavy_check_mark: '✔️',
  x: '❌',
  warning: '⚠️',
  tada: '🎉',
  calendar: '📅',
  date: '📅',
  spiral_calendar_pad: '🗓️',
  bell: '🔔',
  star: '⭐',
  sparkles: '✨',
  wave: '👋',
  bulb: '💡',
  memo: '📝',
  dart: '🎯',
  chart_with_upwards_trend: '📈',
  eyes: '👀',
  rocket: '🚀',
  thumbsup: '👍',
  '+1': '👍',
  books: '📚',
  speech_balloon: '💬',
  hourglass: '⌛',
  hourglass_flowing_sand: '⏳',
  lock: '🔒',
  mag: '🔍',
  pushpin: '📌',
  seedling: '🌱',
  trophy: '🏆',
  busts_in_silhouette: '👥',
  bust_in_silhouette: '👤',
  information_source: 'ℹ️',
  question: '❓',
  clock10: '🕙',
  alarm_clock: '⏰',
  repeat: '🔁',
  ladder: '🪜',
});

/** Replaces known `:shortcodes:` in plain text (plain_text objects with `emoji: true`). */
export function emojify(text) {
  return text.replace(/:([a-z0-9_+-]+):/g, (whole, name) => EMOJI[name] ?? whole);
}
