import { describe, expect, it } from 'vitest';
import { allowedActions, type DocActor, type DocState, refusal } from './documents.policy.js';

const actor = (o: Partial<DocActor>): DocActor => ({
  roles: [],
  inAgency: true,
  isCreator: false,
  isHandler: false,
  inHandlingUnit: false,
  ...o,
});
const doc = (o: Partial<DocState>): DocState => ({
  direction: 'outgoing',
  status: 'draft',
  secrecy: 'none',
  pendingChange: null,
  hasRecipients: true,
  ...o,
});

describe('document workflow policy', () => {
  it('lets the drafter submit, the leader review, return and sign, the clerk issue and send', () => {
    expect(allowedActions(doc({}), actor({ roles: ['specialist'], isCreator: true }))).toEqual([
      'comment',
      'add_version',
      'submit',
    ]);
    expect(allowedActions(doc({ status: 'in_review' }), actor({ roles: ['leader'] }))).toEqual([
      'comment',
      'review',
      'return',
      'sign',
    ]);
    expect(allowedActions(doc({ status: 'signed' }), actor({ roles: ['clerk'] }))).toEqual(['comment', 'issue']);
    expect(allowedActions(doc({ status: 'issued' }), actor({ roles: ['clerk'] }))).toEqual(['comment', 'send']);
  });

  it('never offers send for a secret document and refuses it with its own code', () => {
    for (const secrecy of ['confidential', 'secret', 'top_secret'] as const) {
      const d = doc({ status: 'issued', secrecy });
      expect(allowedActions(d, actor({ roles: ['clerk'] }))).not.toContain('send');
      expect(refusal('send', d, actor({ roles: ['clerk'] }))).toBe('SECRET_DOCUMENT_NOT_EXCHANGEABLE');
    }
    expect(refusal('send', doc({ status: 'issued', hasRecipients: false }), actor({ roles: ['clerk'] }))).toBe(
      'NO_RECIPIENTS',
    );
  });

  it('tells a wrong role from a wrong state', () => {
    expect(refusal('sign', doc({ status: 'in_review' }), actor({ roles: ['clerk'] }))).toBe(
      'ACTION_FORBIDDEN_FOR_ROLE',
    );
    expect(refusal('sign', doc({ status: 'draft' }), actor({ roles: ['leader'] }))).toBe('ACTION_NOT_ALLOWED_IN_STATE');
    expect(refusal('sign', doc({ status: 'in_review' }), actor({ roles: ['leader'], inAgency: false }))).toBe(
      'ACTION_FORBIDDEN_FOR_ROLE',
    );
    expect(refusal('fly', doc({}), actor({ roles: ['leader'] }))).toBe('UNKNOWN_ACTION');
  });

  it('routes incoming documents: clerk registers or rejects, leader assigns, handler progresses and completes', () => {
    const inc = (status: string) => doc({ direction: 'incoming', status });
    expect(allowedActions(inc('arrived'), actor({ roles: ['clerk'] }))).toEqual(['comment', 'register', 'reject']);
    expect(allowedActions(inc('registered'), actor({ roles: ['leader'] }))).toEqual(['comment', 'assign']);
    expect(allowedActions(inc('assigned'), actor({ roles: ['specialist'], inAgency: false, isHandler: true }))).toEqual(
      ['comment', 'progress', 'complete'],
    );
    expect(allowedActions(inc('assigned'), actor({ roles: ['specialist'] }))).toEqual(['comment']);
    const pending = doc({
      direction: 'incoming',
      status: 'registered',
      pendingChange: { type: 'revoke', packageId: 'pkg_1', reason: null, newDocumentId: null, at: '' },
    });
    expect(allowedActions(pending, actor({ roles: ['clerk'] }))).toEqual(['comment', 'accept_change', 'refuse_change']);
  });
});
