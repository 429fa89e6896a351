import { describe, expect, it } from 'vitest';
import { allowedActions } from './meetings.policy.js';

describe('meeting actions by role and status', () => {
  it('the chair convenes a draft; a member may not; an outsider may nothing', () => {
    expect(allowedActions('draft', { role: 'chair', delegate: false })).toContain('convene');
    expect(allowedActions('draft', { role: 'member', delegate: false })).not.toContain('convene');
    expect(allowedActions('convened', { role: null, delegate: false })).toEqual([]);
  });
  it('a member confirms or delegates while convened; a deputy does not delegate again', () => {
    expect(allowedActions('convened', { role: 'member', delegate: false })).toEqual(
      expect.arrayContaining(['confirm', 'decline', 'delegate']),
    );
    expect(allowedActions('convened', { role: 'member', delegate: true })).not.toContain('delegate');
    // Who sent a deputy has answered: no confirming, declining or second deputy.
    const sent = allowedActions('convened', { role: 'member', delegate: false, sentDeputy: true });
    expect(sent.filter((a) => ['confirm', 'decline', 'delegate'].includes(a))).toEqual([]);
  });
  it('only the chair opens and closes; the secretary issues the minutes once closed', () => {
    expect(allowedActions('convened', { role: 'secretary', delegate: false })).not.toContain('open');
    expect(allowedActions('in_session', { role: 'chair', delegate: false })).toContain('close');
    expect(allowedActions('closed', { role: 'secretary', delegate: false })).toEqual(['assign_task', 'issue_minutes']);
    expect(allowedActions('minutes_issued', { role: 'guest', delegate: false })).toEqual([]);
  });
});
