/** A UK VAT registration number reduced to its 9 digits, or null when it cannot be one. */
export function canonicalVrn(input: string): string | null {
  const compact = input
    .replace(/[\s.-]/g, '')
    .toUpperCase()
    .replace(/^GB/, '');
  if (/^\d{9}$/.test(compact)) return compact;
  // 12 digits are a branch-trader number: the first nine are the registration.
  if (/^\d{12}$/.test(compact)) return compact.slice(0, 9);
  return null;
}

export interface VatChecksum {
  valid: boolean;
  /** Which series the number belongs to when valid. */
  series?: 'mod97' | 'mod9755';
  total: number;
}

/**
 * HMRC's check digits, worked offline: the first seven digits weighted 8..2, plus the last two
 * as a number. The original series totals 0 mod 97; the newer series totals 0 after adding 55.
 */
export function vatChecksum(vrn: string): VatChecksum {
  const digits = [...vrn].map(Number);
  const weighted = digits.slice(0, 7).reduce((sum, d, i) => sum + d * (8 - i), 0);
  const total = weighted + Number(vrn.slice(7, 9));
  if (total % 97 === 0) return { valid: true, series: 'mod97', total };
  if ((total + 55) % 97 === 0) return { valid: true, series: 'mod9755', total };
  return { valid: false, total };
}
