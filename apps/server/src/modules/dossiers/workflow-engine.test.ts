import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKFLOW } from '../procedures/index.js';
import { formatDossierCode, parseDossierCode, vnDay } from './dossier-code.js';
import { allowedActions, checkTransition } from './workflow-engine.js';

const staff = (roles: string[], o: Partial<{ inAgency: boolean; isAssignee: boolean }> = {}) => ({
  roles,
  isApplicant: false,
  inAgency: true,
  isAssignee: false,
  ...o,
});
const applicant = { roles: [], isApplicant: true, inAgency: false, isAssignee: false };

describe('default one-stop workflow', () => {
  it('offers each role its actions in each state', () => {
    expect(allowedActions(DEFAULT_WORKFLOW, 'submitted', staff(['reception']))).toEqual([
      'receive',
      'request_supplement',
      'refuse',
    ]);
    expect(allowedActions(DEFAULT_WORKFLOW, 'submitted', applicant)).toEqual(['withdraw']);
    expect(allowedActions(DEFAULT_WORKFLOW, 'received', staff(['reception']))).toEqual([
      'request_supplement',
      'assign',
    ]);
    expect(allowedActions(DEFAULT_WORKFLOW, 'processing', staff(['specialist']))).toEqual([]);
    expect(allowedActions(DEFAULT_WORKFLOW, 'processing', staff(['specialist'], { isAssignee: true }))).toEqual([
      'request_supplement',
      'submit_for_approval',
    ]);
    expect(allowedActions(DEFAULT_WORKFLOW, 'pending_approval', staff(['leader']))).toEqual([
      'approve',
      'return_to_specialist',
      'stop_processing',
    ]);
    // Decree 118/2025: only the head of the agency stops a dossier, and not one that is not yet received.
    expect(allowedActions(DEFAULT_WORKFLOW, 'processing', staff(['leader']))).toContain('stop_processing');
    expect(allowedActions(DEFAULT_WORKFLOW, 'processing', staff(['reception']))).not.toContain('stop_processing');
    expect(allowedActions(DEFAULT_WORKFLOW, 'submitted', staff(['leader']))).not.toContain('stop_processing');
    expect(allowedActions(DEFAULT_WORKFLOW, 'stopped', staff(['leader']))).toEqual([]);
    expect(allowedActions(DEFAULT_WORKFLOW, 'result_issued', applicant)).toEqual([]);
    expect(allowedActions(DEFAULT_WORKFLOW, 'supplement_requested', applicant)).toEqual(['resubmit', 'withdraw']);
  });
  it('staff of another agency can do nothing', () => {
    expect(allowedActions(DEFAULT_WORKFLOW, 'submitted', staff(['reception', 'leader'], { inAgency: false }))).toEqual(
      [],
    );
  });
  it('distinguishes a wrong state (409) from a wrong role (403)', () => {
    expect(checkTransition(DEFAULT_WORKFLOW, 'received', 'approve', staff(['leader']))).toBe(
      'ACTION_NOT_ALLOWED_IN_STATE',
    );
    expect(checkTransition(DEFAULT_WORKFLOW, 'pending_approval', 'approve', staff(['reception']))).toBe(
      'ACTION_FORBIDDEN_FOR_ROLE',
    );
    expect(checkTransition(DEFAULT_WORKFLOW, 'submitted', 'fly', staff(['admin']))).toBe('UNKNOWN_ACTION');
    expect(checkTransition(DEFAULT_WORKFLOW, 'submitted', 'receive', staff(['reception']))).toMatchObject({
      to: 'received',
    });
  });
});

describe('dossier code', () => {
  it('formats {agency}-{YYMMDD}-{NNNN} with the Vietnamese date', () => {
    // 2026-03-01 18:30 UTC is already 2 March in Hà Nội.
    expect(vnDay(new Date('2026-03-01T18:30:00Z'))).toBe('260302');
    expect(vnDay(new Date('2026-03-01T16:59:59Z'))).toBe('260301');
    expect(formatDossierCode('000.00.00.H26', '260302', 7)).toBe('000.00.00.H26-260302-0007');
    expect(formatDossierCode('H26', '260302', 12345)).toBe('H26-260302-12345');
  });
  it('parses leniently, including the production variants', () => {
    expect(parseDossierCode('000.00.10.H47-190315-0001')).toEqual({
      agencyCode: '000.00.10.H47',
      date: '190315',
      seq: 1,
    });
    expect(parseDossierCode('G09.20-20260609-0092637')).toEqual({ agencyCode: 'G09.20', date: '20260609', seq: 92637 });
    expect(parseDossierCode('nonsense')).toBeNull();
  });
});
