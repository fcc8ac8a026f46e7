import type { ColumnMapping } from './mapping-types';
import type { FileKind } from '../domain/types';
import {
  KIND_SPECS,
  headerSaysSeconds,
  kindSpec,
  missingFields,
  normalizeHeader,
  type FieldSpec,
  type KindSpec,
} from './field-catalog';

/**
 * Recognises what a file holds and which column feeds which field, from its headers alone.
 * Earlier synonyms in the catalog are preferred spellings, so `TaskSubtype` beats `Type` for a
 * Salesforce task's activity type.
 */

export interface KindDetection {
  kind: FileKind;
  score: number;
  mapping: ColumnMapping;
  missingRequired: string[];
}

function matchScore(header: string, field: Pick<FieldSpec, 'synonyms' | 'unit'>): number {
  const h = normalizeHeader(header);
  if (h === '') return 0;
  if (field.unit && (field.unit === 'seconds') !== headerSaysSeconds(h)) return 0;
  const synonyms = field.synonyms;
  // A unit in brackets names no field: "金额（元）" and "Amount (EUR)" are the amount.
  const bare = normalizeHeader(header.replace(/[(（][^()（）]*[)）]/g, ''));
  let best = 0;
  synonyms.forEach((syn, index) => {
    // "=month": only a header that is exactly this (see FieldSpec.synonyms).
    const wholeOnly = syn.startsWith('=');
    const s = normalizeHeader(wholeOnly ? syn.slice(1) : syn);
    if (s === '') return;
    let score = 0;
    if (h === s || (bare !== '' && bare === s)) score = 1 - index * 0.002;
    // Whole-word containment ("Opportunity Owner Name" contains "opportunity owner").
    else if (
      !wholeOnly &&
      s.length >= 4 &&
      (` ${h} `.includes(` ${s} `) || (/[^\u0020-\u007e]/.test(s) && h.includes(s)))
    ) {
      score = 0.6 - index * 0.002;
    }
    if (score > best) best = score;
  });
  return best;
}

export function mapColumns(spec: KindSpec, headers: readonly string[]): KindDetection {
  const candidates: { field: string; header: string; score: number; required: boolean }[] = [];
  for (const field of spec.fields) {
    for (const header of headers) {
      const score = matchScore(header, field);
      if (score > 0) candidates.push({ field: field.id, header, score, required: field.required });
    }
  }
  // Greedy by score: each header feeds at most one field, each field takes its best header.
  candidates.sort((a, b) => b.score - a.score || Number(b.required) - Number(a.required));
  const mapping: ColumnMapping = Object.fromEntries(spec.fields.map((f) => [f.id, null]));
  const usedHeaders = new Set<string>();
  let score = 0;
  for (const c of candidates) {
    if (mapping[c.field] !== null || usedHeaders.has(c.header)) continue;
    mapping[c.field] = c.header;
    usedHeaders.add(c.header);
    const signature = spec.signature.includes(c.field) ? 1.5 : 0;
    score += c.score * (c.required ? 2 : 1) + signature;
  }
  const missingRequired = missingFields(spec, mapping);
  // A kind missing a required field cannot be imported as is: rank it below every viable kind.
  if (missingRequired.length > 0) score = Math.min(score, 1) * 0.1;
  return { kind: spec.kind, score: Math.round(score * 1000) / 1000, mapping, missingRequired };
}

export function detectKinds(headers: readonly string[]): KindDetection[] {
  const detections = KIND_SPECS.map((spec) => mapColumns(spec, headers));
  // KindSpec.outranks: a viable kind with its telling column mapped scores just above the other.
  for (const spec of KIND_SPECS) {
    if (!spec.outranks) continue;
    const own = detections.find((d) => d.kind === spec.kind);
    const other = detections.find((d) => d.kind === spec.outranks?.kind);
    if (!own || !other || own.missingRequired.length > 0) continue;
    if (!spec.outranks.when.some((field) => own.mapping[field])) continue;
    if (own.score <= other.score) own.score = Math.round((other.score + 0.001) * 1000) / 1000;
  }
  return detections.sort((a, b) => b.score - a.score);
}

/** The best kind, or null when no kind has its required fields and a real signature match. */
export function bestKind(detections: readonly KindDetection[]): KindDetection | null {
  const best = detections[0];
  if (!best || best.missingRequired.length > 0 || best.score < 3) return null;
  return best;
}

export function mappingFor(kind: FileKind, headers: readonly string[]): KindDetection {
  return mapColumns(kindSpec(kind), headers);
}

/** Names the CRM layout a file comes from, for display and saved mappings. */
export function detectPreset(headers: readonly string[]): string | null {
  const set = new Set(headers.map(normalizeHeader));
  const has = (...hs: string[]): boolean => hs.every((h) => set.has(normalizeHeader(h)));
  const any = (p: string): boolean => headers.some((h) => h.trim().toLowerCase().startsWith(p.toLowerCase()));
  if (has('sales_agent', 'deal_stage') || has('sales_agent', 'regional_office')) return 'maven';
  if (has('Owner.Name') || has('StageName') || has('OwnerId') || has('WhatId')) return 'salesforce-api';
  if (has('Opportunity Owner') || has('Assigned To', 'Activity Type') || has('Opportunity ID')) {
    return 'salesforce-report';
  }
  // Most specific first: "Deal - Owner" (Pipedrive) and "Deal Owner" (Zoho) both normalise to
  // HubSpot's "Deal owner".
  if (any('Deal - ')) return 'pipedrive';
  if (has('Closing Date', 'Deal Name') || has('Account Name.id')) return 'zoho';
  if (has('Deal Stage') || has('Deal owner', 'Pipeline')) return 'hubspot';
  if (has('Est. Revenue') || has('Owning User') || has('Status Reason')) return 'dynamics365';
  if (has('负责人') || has('商机金额') || has('销售阶段') || has('客户名称')) return 'chinese-crm';
  return null;
}
