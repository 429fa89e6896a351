import { describe, expect, it } from 'vitest';
import type { DeliveryRow } from '../exchange.repository.js';
import { deliverClaimed } from './worker.js';

const row = (id: string, sha256: string) => ({ id, sha256 }) as DeliveryRow;

describe('deliverClaimed', () => {
  it('hands over deliveries of the same bytes one after the other, different bytes side by side', async () => {
    const log: string[] = [];
    const gates = new Map<string, () => void>();
    const deliver = (d: DeliveryRow) =>
      new Promise<void>((resolve) => {
        log.push(`start ${d.id}`);
        gates.set(d.id, () => {
          log.push(`end ${d.id}`);
          resolve();
        });
      });
    const done = deliverClaimed([row('a1', 'A'), row('a2', 'A'), row('b1', 'B')], deliver);
    await Promise.resolve();
    // a1 and b1 run together; a2 waits for a1.
    expect(log).toEqual(['start a1', 'start b1']);
    gates.get('b1')!();
    gates.get('a1')!();
    await new Promise((r) => setTimeout(r, 0));
    expect(log).toEqual(['start a1', 'start b1', 'end b1', 'end a1', 'start a2']);
    gates.get('a2')!();
    await done;
    expect(log.at(-1)).toBe('end a2');
  });
});
