import { describe, expect, it } from 'vitest';
import { afterCheckinSent, afterResponse, isBackedOff, slowerCadence, type BackoffState } from '../../src/time/check-in-backoff.js';

type Event = 'sent' | 'answered';

/** Plays a sequence of check-ins sent (and left unanswered unless followed by 'answered'). */
function play(chosen: BackoffState['chosen'], events: Event[]): { cadences: string[]; steps: number[]; state: BackoffState } {
  let state: BackoffState = { chosen, effective: chosen, unanswered: 0 };
  const cadences: string[] = [];
  const steps: number[] = [];
  events.forEach((event, i) => {
    if (event === 'answered') {
      state = afterResponse(state);
      return;
    }
    const next = afterCheckinSent(state);
    if (next.steppedDown) steps.push(i);
    state = next.state;
    cadences.push(state.effective);
  });
  return { cadences, steps, state };
}

describe('back-off state machine', () => {
  it('two ignored weekly check-ins: the third comes at biweekly and says so; two more ignored: monthly, and it stays there', () => {
    const { cadences, steps, state } = play('weekly', ['sent', 'sent', 'sent', 'sent', 'sent', 'sent', 'sent']);
    expect(cadences).toEqual(['weekly', 'weekly', 'biweekly', 'biweekly', 'monthly', 'monthly', 'monthly']);
    expect(steps).toEqual([2, 4]);
    expect(state).toEqual({ chosen: 'weekly', effective: 'monthly', unanswered: 3 });
    expect(isBackedOff(state)).toBe(true);
  });

  it('an answer between check-ins resets the count: answering every other one never backs off', () => {
    const { cadences, steps } = play('weekly', ['sent', 'answered', 'sent', 'sent', 'answered', 'sent', 'sent', 'answered', 'sent']);
    expect(cadences.every((c) => c === 'weekly')).toBe(true);
    expect(steps).toEqual([]);
  });

  it('any answer after backing off restores the chosen cadence at once', () => {
    const { state } = play('weekly', ['sent', 'sent', 'sent', 'sent', 'sent', 'answered']);
    expect(state).toEqual({ chosen: 'weekly', effective: 'weekly', unanswered: 0 });
    expect(isBackedOff(state)).toBe(false);
    // …and it takes two new ignored check-ins to back off again.
    const again = play('weekly', ['sent', 'sent', 'sent', 'answered', 'sent', 'sent', 'sent']);
    expect(again.cadences).toEqual(['weekly', 'weekly', 'biweekly', 'weekly', 'weekly', 'biweekly']);
  });

  it('biweekly steps to monthly; monthly never steps further', () => {
    expect(play('biweekly', ['sent', 'sent', 'sent']).cadences).toEqual(['biweekly', 'biweekly', 'monthly']);
    const monthly = play('monthly', ['sent', 'sent', 'sent', 'sent']);
    expect(monthly.cadences).toEqual(['monthly', 'monthly', 'monthly', 'monthly']);
    expect(monthly.steps).toEqual([]);
    expect(slowerCadence('off')).toBe('off');
  });
});
