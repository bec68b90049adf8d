import type { Classification, DocumentType } from '../domain';

type KnownType = Exclude<DocumentType, 'unknown'>;

interface Cue {
  pattern: RegExp;
  weight: number;
  /** How a reviewer reads the cue. */
  says: string;
}

/**
 * Phrases that mark each type. Heavy cues are the document's own title or wording that only it
 * uses; light cues are common to several types and only tip the balance.
 */
const CUES: Record<KnownType, Cue[]> = {
  certificate_of_incorporation: [
    { pattern: /certificate\s+of\s+incorporation/i, weight: 6, says: 'titled "Certificate of Incorporation"' },
    { pattern: /registrar\s+of\s+companies/i, weight: 3, says: 'issued by the Registrar of Companies' },
    { pattern: /(?:is|was)\s+(?:this\s+day\s+)?incorporated/i, weight: 3, says: 'states the company is incorporated' },
    { pattern: /companies\s+act\s+(?:2006|1985)/i, weight: 2, says: 'cites the Companies Act' },
    { pattern: /hereby\s+certif(?:y|ies)/i, weight: 1, says: 'certifies formally' },
    { pattern: /limited\s+by\s+(?:shares|guarantee)/i, weight: 1, says: 'describes a company limited by shares or guarantee' },
    { pattern: /companies\s+house/i, weight: 1, says: 'mentions Companies House' },
  ],
  vat_registration_certificate: [
    { pattern: /value\s+added\s+tax/i, weight: 3, says: 'concerns Value Added Tax' },
    { pattern: /certificate\s+of\s+(?:vat\s+)?registration/i, weight: 3, says: 'titled "Certificate of Registration"' },
    { pattern: /vat\s+registration\s+(?:number|no\.?|certificate)/i, weight: 3, says: 'gives a VAT registration number' },
    {
      pattern: /effective\s+date\s+of\s+registration|date\s+of\s+registration/i,
      weight: 3,
      says: 'states an effective date of registration',
    },
    { pattern: /hm\s*revenue\s*(?:&|and)\s*customs|\bHMRC\b/i, weight: 2, says: 'issued by HM Revenue & Customs' },
    { pattern: /VAT\s+(?:return|periods?|notice)/i, weight: 1, says: 'mentions VAT returns or notices' },
    { pattern: /effective\s+(?:date|from)|registered\s+(?:from|with\s+effect)/i, weight: 2, says: 'states when registration took effect' },
    { pattern: /\bVAT\b[^\n]{0,40}?\b(?:GB\s?)?\d{3}\s?\d{4}\s?\d{2}\b/i, weight: 2, says: 'prints a VAT number after "VAT"' },
    {
      pattern: /registered\s+person|principal\s+place\s+of\s+business|trade\s+class/i,
      weight: 1,
      says: 'names the registered person or trade',
    },
  ],
  bank_statement: [
    { pattern: /\bstatement\b/i, weight: 2, says: 'calls itself a statement' },
    { pattern: /\baccount\s+statement|statement\s+of\s+account/i, weight: 2, says: 'calls itself an account statement' },
    { pattern: /sort\s*code/i, weight: 3, says: 'shows a sort code' },
    {
      pattern: /(?:opening|closing|start|end)\s+balance|balance\s+(?:brought|carried)\s+forward/i,
      weight: 3,
      says: 'shows opening or closing balances',
    },
    { pattern: /paid\s+(?:in|out)|money\s+(?:in|out)|\bdebits?\b.*\bcredits?\b|withdrawals?/i, weight: 2, says: 'lists money in and out' },
    { pattern: /\bIBAN\b|\bBIC\b|\bSWIFT\b/i, weight: 1, says: 'gives IBAN or BIC' },
    { pattern: /\bbank\b/i, weight: 1, says: 'mentions a bank' },
    { pattern: /\b(?:business|current|savings)\s+account\b/i, weight: 1, says: 'names a kind of bank account' },
    { pattern: /\b\d{2}-\d{2}-\d{2}\b[^\n]{0,40}\b\d{8}\b|account\s*(?:number|no)/i, weight: 2, says: 'gives an account number' },
  ],
  utility_bill: [
    { pattern: /\b(?:electricity|gas|water|energy|broadband|sewerage)\b/i, weight: 2, says: 'concerns a utility supply' },
    { pattern: /\bkwh\b|cubic\s+metres|\bm3\b/i, weight: 3, says: 'measures usage in kWh or cubic metres' },
    { pattern: /meter\s+(?:reading|number|serial)|\bMPAN\b|\bMPRN\b/i, weight: 3, says: 'gives meter readings or numbers' },
    { pattern: /standing\s+charge|unit\s+rate|tariff/i, weight: 3, says: 'shows tariff or standing charges' },
    {
      pattern: /(?:your|this)\s+(?:bill|invoice)|bill\s+date|invoice\s+date|date\s+of\s+(?:bill|invoice)/i,
      weight: 2,
      says: 'calls itself a bill',
    },
    { pattern: /(?:amount|total)\s+(?:due|to\s+pay|payable)|balance\s+to\s+pay/i, weight: 1, says: 'asks for an amount due' },
    { pattern: /supply\s+address|premises\s+supplied/i, weight: 2, says: 'names a supply address' },
    {
      pattern: /line\s+rental|calls\s+to\s+(?:mobiles|landlines)|data\s+allowance|call\s+charges/i,
      weight: 3,
      says: 'shows telephone or broadband charges',
    },
    { pattern: /billing\s+period|period\s+of\s+supply/i, weight: 1, says: 'states a billing period' },
  ],
};

/** Below this score the cues are too thin to name a type. */
const MIN_SCORE = 5;
/** A score at which the evidence is overwhelming on its own. */
const STRONG_SCORE = 12;

interface Scored {
  type: KnownType;
  score: number;
  reasons: string[];
}

function score(text: string, type: KnownType): Scored {
  const matched = CUES[type].filter((cue) => cue.pattern.test(text));
  return { type, score: matched.reduce((sum, c) => sum + c.weight, 0), reasons: matched.map((c) => c.says) };
}

export interface ClassificationResult extends Classification {
  document_type: DocumentType;
}

/**
 * Names the document's type from the cues in its text, with a confidence that grows with the
 * evidence and with the margin over the runner-up.
 */
export function classifyText(text: string): ClassificationResult {
  const ranked = (Object.keys(CUES) as KnownType[]).map((t) => score(text, t)).sort((a, b) => b.score - a.score);
  const [best, second] = ranked as [Scored, Scored];
  if (best.score < MIN_SCORE) {
    return {
      document_type: 'unknown',
      confidence: text.trim() ? 0.5 : 0,
      reasons: text.trim() ? ['no type had enough distinctive wording'] : ['no readable text'],
    };
  }
  const strength = Math.min(1, best.score / STRONG_SCORE);
  const margin = (best.score - second.score) / best.score;
  const confidence = Math.round(Math.min(0.99, 0.35 + 0.35 * strength + 0.3 * margin) * 100) / 100;
  const reasons = [...best.reasons];
  if (second.score > 0) reasons.push(`also resembles ${second.type.replace(/_/g, ' ')} (score ${second.score} against ${best.score})`);
  return { document_type: best.type, confidence, reasons };
}
