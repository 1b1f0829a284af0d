import { describe, expect, it } from 'vitest';
import { splitValidation } from '../../src/experiment/run-cell.js';
import type { AdRecord } from '../../src/record.js';

const records = Array.from({ length: 3000 }, (_, i) => ({ id: `ad-${i}`, operatorId: `op-${Math.floor(i / 3)}` }) as unknown as AdRecord);

describe('splitValidation', () => {
  it('holds out about the asked share, keeping each poster on one side', () => {
    const { train, validation } = splitValidation(records, 0.2, 7);
    expect(train.length + validation.length).toBe(3000);
    expect(validation.length / 3000).toBeGreaterThan(0.15);
    expect(validation.length / 3000).toBeLessThan(0.25);
    const trainOps = new Set(train.map((r) => r.operatorId));
    for (const r of validation) expect(trainOps.has(r.operatorId)).toBe(false);
  });

  it('is a function of the seed', () => {
    const a = splitValidation(records, 0.2, 7).validation.map((r) => r.id);
    expect(splitValidation(records, 0.2, 7).validation.map((r) => r.id)).toEqual(a);
    expect(splitValidation(records, 0.2, 8).validation.map((r) => r.id)).not.toEqual(a);
  });
});
