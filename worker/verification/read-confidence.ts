import type { Check, ExtractedField } from '../domain';

/**
 * The fields each check compares with a registry or a claim. When such a check fails, the failure
 * may be the reading's (a misread name or number) rather than the business's.
 */
const READ_FIELDS: Record<string, (check: Check) => string[]> = {
  'companies_house.name_match': () => ['company_name'],
  'hmrc_vat.name_match': () => ['company_name'],
  'companies_house.number_match': () => ['company_number'],
  'companies_house.exists': (c) => (c.evidence.source === 'document' ? ['company_number'] : []),
  'hmrc_vat.format': (c) => (c.evidence.source === 'document' ? ['vat_number'] : []),
  'document.claims_match': (c) =>
    ((c.evidence.comparisons as Array<{ field: string; matches: boolean | null }> | undefined) ?? [])
      .filter((x) => x.matches === false)
      .map((x) => x.field),
};

/**
 * Notes on each failed check that compared something read off the document how sure the reading
 * was (the lowest calibrated confidence among the fields it compared), so the policy can tell a
 * likely misread from a real disagreement and a replay sees the same number.
 */
export function withReadConfidence(checks: Check[], fields: Record<string, ExtractedField>): Check[] {
  return checks.map((c) => {
    const compared = c.status === 'fail' ? (READ_FIELDS[c.id]?.(c) ?? []) : [];
    const confidences = compared.map((name) => fields[name]?.confidence).filter((v): v is number => typeof v === 'number');
    if (confidences.length === 0) return c;
    return { ...c, evidence: { ...c.evidence, read_confidence: Math.min(...confidences) } };
  });
}
