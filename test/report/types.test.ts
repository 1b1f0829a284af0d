import { describe, expect, it } from 'vitest';
import type { AuditResult } from '../../src/audit/index.js';
import type { CellOutcome } from '../../src/experiment/index.js';
import type { AuditLike, CellOutcomeLike } from '../../src/report/index.js';

// Type-level specification, checked by `tsc --noEmit` (npm run typecheck): the report stage
// accepts the audit and experiment stages' results as they are, without casts.
const asAudit = (a: AuditResult): AuditLike => a;
const asCell = (c: CellOutcome): CellOutcomeLike => c;

describe('report input types', () => {
  it("accept the audit and experiment stages' results as they are (checked by tsc)", () => {
    expect(typeof asAudit).toBe('function');
    expect(typeof asCell).toBe('function');
  });
});
