import { match as findPostcodes, toNormalised } from 'postcode';
import type { CheckStatus } from '../domain';
import { similarity } from './names';

const STREET_WORDS: Record<string, string> = {
  ST: 'STREET',
  RD: 'ROAD',
  AVE: 'AVENUE',
  AV: 'AVENUE',
  LN: 'LANE',
  DR: 'DRIVE',
  CT: 'COURT',
  PL: 'PLACE',
  SQ: 'SQUARE',
  CRES: 'CRESCENT',
  GDNS: 'GARDENS',
  HSE: 'HOUSE',
  BLDG: 'BUILDING',
  FL: 'FLOOR',
};

/** Upper case, no punctuation, common street abbreviations spelt out. */
export function normaliseAddressLine(line: string): string {
  return line
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
    .map((w) => STREET_WORDS[w] ?? w)
    .join(' ');
}

export function normalisePostcode(input: string | undefined): string | undefined {
  if (!input) return undefined;
  return toNormalised(input) ?? undefined;
}

/** The postcode printed in an address, if one is there. */
export function postcodeIn(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const found = findPostcodes(text.toUpperCase());
  return normalisePostcode(found.at(-1));
}

export interface AddressComparison {
  status: CheckStatus;
  reason_code: string;
  message: string;
  evidence: Record<string, unknown>;
}

export interface AddressInput {
  /** The address as printed on the document. */
  documentAddress?: string;
  documentPostcode?: string;
  /** The registry's first line (premises and street) and postcode. */
  registeredLine?: string;
  registeredPostcode?: string;
}

function firstLineMatches(documentAddress: string | undefined, registeredLine: string): { matches: boolean; similarity: number } {
  if (!documentAddress) return { matches: false, similarity: 0 };
  const doc = normaliseAddressLine(documentAddress);
  const reg = normaliseAddressLine(registeredLine);
  if (reg && doc.includes(reg)) return { matches: true, similarity: 1 };
  const first = normaliseAddressLine(documentAddress.split(/[,\n]/)[0] ?? '');
  const score = Math.round(similarity(first, reg) * 1000) / 1000;
  return { matches: score >= 0.85, similarity: score };
}

/** Postcode and first line of the document against a registered address. */
export function compareAddresses(input: AddressInput, registryLabel: string): AddressComparison {
  const docPostcode = normalisePostcode(input.documentPostcode) ?? postcodeIn(input.documentAddress);
  const regPostcode = normalisePostcode(input.registeredPostcode);
  const evidence: Record<string, unknown> = {
    document_postcode: docPostcode ?? null,
    registered_postcode: regPostcode ?? null,
    registered_line: input.registeredLine ?? null,
  };
  if (!docPostcode && !input.documentAddress) {
    return { status: 'not_applicable', reason_code: 'no_address_on_document', message: 'The document shows no address.', evidence };
  }
  if (!regPostcode && !input.registeredLine) {
    return { status: 'not_applicable', reason_code: 'registry_has_no_address', message: `${registryLabel} holds no address.`, evidence };
  }
  const line = input.registeredLine ? firstLineMatches(input.documentAddress, input.registeredLine) : undefined;
  evidence.line_similarity = line?.similarity ?? null;
  if (docPostcode && regPostcode && docPostcode !== regPostcode) {
    return {
      status: 'fail',
      reason_code: 'postcode_mismatch',
      message: `The postcode differs from the address held by ${registryLabel}.`,
      evidence,
    };
  }
  const postcodeMatches = Boolean(docPostcode && regPostcode);
  if (postcodeMatches && (line === undefined || line.matches)) {
    return { status: 'pass', reason_code: 'address_matches', message: `The address matches the one held by ${registryLabel}.`, evidence };
  }
  if (postcodeMatches) {
    return {
      status: 'warn',
      reason_code: 'first_line_differs',
      message: `The postcode matches ${registryLabel} but the first line differs.`,
      evidence,
    };
  }
  if (line?.matches) {
    return {
      status: 'warn',
      reason_code: 'postcode_not_compared',
      message: `The first line matches ${registryLabel}; the postcode could not be compared.`,
      evidence,
    };
  }
  return {
    status: 'fail',
    reason_code: 'address_mismatch',
    message: `The address does not match the one held by ${registryLabel}.`,
    evidence,
  };
}
