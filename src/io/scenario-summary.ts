/**
 * The bridge from a generator scenario to what the dataset files say about it: the proxy
 * columns, every setting with its value and rationale, the expected P(label = 1 | group) and the
 * indicator names. Only this module (and the writer entry point that calls it) knows the
 * generator's API.
 */
import { z } from 'zod';
import { expectedFlipRates, expectedLabelRates, proxyAttributes, scenarioHash, ScenarioSchema, TAXONOMY, type Scenario } from '../generate/index.js';
import type { ScenarioSetting, ScenarioSummary } from './datasheet.js';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Every leaf of a settings object as a dotted path and compact JSON value, in the object's own
 * key order. Empty objects and arrays of plain values stay whole (`{}`, `["a","b"]`); arrays
 * holding objects are indexed (`list[0].x`).
 */
export function flattenSettings(value: unknown, prefix = ''): ScenarioSetting[] {
  if (isPlainObject(value) && Object.keys(value).length > 0) {
    const out: ScenarioSetting[] = [];
    for (const [key, v] of Object.entries(value)) {
      if (v === undefined) continue;
      out.push(...flattenSettings(v, prefix === '' ? key : `${prefix}.${key}`));
    }
    return out;
  }
  if (Array.isArray(value) && value.some((v) => isPlainObject(v) || Array.isArray(v))) {
    return value.flatMap((v, i) => flattenSettings(v, `${prefix}[${i}]`));
  }
  return [{ field: prefix, value: JSON.stringify(value) ?? 'null' }];
}

interface JsonSchemaNode {
  description?: string;
  properties?: Record<string, JsonSchemaNode>;
}

let notes: Map<string, string> | undefined;

/** Field path -> the scenario schema's description, read once from the schema's JSON Schema form. */
function schemaNotes(): Map<string, string> {
  if (notes !== undefined) return notes;
  const out = new Map<string, string>();
  const walk = (node: JsonSchemaNode, prefix: string): void => {
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      const path = prefix === '' ? key : `${prefix}.${key}`;
      if (child.description !== undefined) out.set(path, child.description);
      walk(child, path);
    }
  };
  walk(z.toJSONSchema(ScenarioSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchemaNode, '');
  notes = out;
  return out;
}

/** The description of the deepest described field on the path (`a.b.c`, then `a.b`, then `a`). */
function noteFor(field: string): string | undefined {
  const all = schemaNotes();
  const parts = field.split('.');
  for (let k = parts.length; k > 0; k--) {
    const note = all.get(parts.slice(0, k).join('.'));
    if (note !== undefined) return note;
  }
  return undefined;
}

/** Summarises a validated scenario for the dataset writer and the datasheet. */
export function summariseScenario(scenario: Scenario): ScenarioSummary {
  const { description, ...settings } = scenario;
  return {
    name: scenario.name,
    description,
    hash: scenarioHash(scenario),
    groupAttribute: scenario.groupAttribute,
    proxyAttributes: proxyAttributes(scenario),
    prevalence: scenario.prevalence,
    settings: flattenSettings(settings).map((s) => {
      const note = noteFor(s.field);
      return note === undefined ? s : { ...s, note };
    }),
    expectedPositiveRate: expectedLabelRates(scenario),
    expectedFlipRates: expectedFlipRates(scenario),
    indicators: TAXONOMY.map((i) => ({ id: i.id, name: i.name, benignOverlap: i.benignOverlap, evidence: i.evidence })),
  };
}
