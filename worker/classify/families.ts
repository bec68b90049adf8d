import type { DocumentType } from '../domain';

export type KnownType = Exclude<DocumentType, 'unknown'>;

interface Cue {
  pattern: RegExp;
  /** How a reviewer reads the cue. */
  says: string;
}

/**
 * One kind of evidence a document of a type carries (its title, its issuer, an identifier in its
 * format, a table only it prints). The phrases are alternatives: a family is present or not, however
 * many of them hit, so a layout that words its title or labels differently still shows the family.
 */
export interface Family {
  name: string;
  cues: Cue[];
}

const VAT_NUMBER = /\bGB\s?\d{3}\s?\d{4}\s?\d{2}\b/;

/**
 * The families of evidence of each type, from what such documents must print rather than how one
 * issuer lays them out. Words another type prints too (a statement's "HMRC" payee, a bill's
 * "Direct Debit" or supplier's VAT number) can show at most one family of the wrong type.
 */
export const FAMILIES: Record<KnownType, Family[]> = {
  certificate_of_incorporation: [
    {
      name: 'title',
      cues: [
        { pattern: /certificate\s+of\s+incorporation/i, says: 'titled "Certificate of Incorporation"' },
        { pattern: /tystysgrif\s+corffori/i, says: 'titled "Tystysgrif Corffori"' },
      ],
    },
    {
      name: 'incorporation',
      cues: [
        { pattern: /\b(?:is|was)\s+(?:this\s+day\s+)?incorporated/i, says: 'states the company is incorporated' },
        { pattern: /\bincorporated\s+(?:on|under|in)\b/i, says: 'states when or under what the company was incorporated' },
        { pattern: /date\s+of\s+incorporation/i, says: 'gives a date of incorporation' },
      ],
    },
    {
      name: 'legal_basis',
      cues: [
        { pattern: /companies\s+act\s+(?:19|20)\d\d/i, says: 'cites the Companies Act' },
        { pattern: /limited\s+by\s+(?:shares|guarantee)/i, says: 'describes a company limited by shares or guarantee' },
        { pattern: /(?:private|public)\s+(?:limited\s+)?company/i, says: 'names the kind of company' },
      ],
    },
    {
      name: 'registrar',
      cues: [
        { pattern: /registrar\s+of\s+companies/i, says: 'issued by the Registrar of Companies' },
        { pattern: /hereby\s+certif(?:y|ies)|\bcertif(?:y|ies)\s+that\b/i, says: 'certifies formally' },
      ],
    },
    {
      name: 'company_number',
      cues: [
        { pattern: /\bcompany\s+(?:number|no\b)|registered\s+number|rhif\s+y\s+cwmni/i, says: 'gives a company number' },
        { pattern: /\b(?:SC|NI|OC|SO|NC|FC|SE|GE)\d{6}\b/, says: 'prints a company number with a register prefix' },
      ],
    },
  ],
  vat_registration_certificate: [
    {
      name: 'title',
      cues: [
        { pattern: /certificate\s+of\s+(?:vat\s+)?registration/i, says: 'titled "Certificate of Registration"' },
        { pattern: /vat\s+registration\s+certificate/i, says: 'titled "VAT Registration Certificate"' },
        { pattern: /value\s+added\s+tax/i, says: 'concerns Value Added Tax' },
      ],
    },
    {
      name: 'vat_number',
      cues: [
        { pattern: /vat\s+reg(?:istration|\.)?\s*(?:number|no\b)/i, says: 'gives a VAT registration number' },
        { pattern: VAT_NUMBER, says: 'prints a VAT number in the GB format' },
      ],
    },
    {
      name: 'effective_date',
      cues: [
        { pattern: /effective\s+date\s+of\s+registration|date\s+of\s+registration/i, says: 'states an effective date of registration' },
        {
          pattern: /registered\s+with\s+effect|with\s+effect\s+from|effective\s+(?:date|from)\b/i,
          says: 'states when registration took effect',
        },
      ],
    },
    {
      name: 'issuer',
      cues: [{ pattern: /hm\s*revenue\s*(?:&|and)\s*customs|\bHMRC\b/i, says: 'issued by HM Revenue & Customs' }],
    },
    {
      name: 'vat_obligations',
      cues: [
        { pattern: /\bVAT\s+(?:invoices?|returns?|periods?|notices?)/i, says: 'mentions VAT invoices, returns or notices' },
        { pattern: /registered\s+person|principal\s+place\s+of\s+business|trade\s+class/i, says: 'names the registered person or trade' },
      ],
    },
  ],
  bank_statement: [
    {
      name: 'account',
      cues: [
        { pattern: /sort\s*code/i, says: 'shows a sort code' },
        { pattern: /\bIBAN\b|\bBIC\b|\bSWIFT\b/i, says: 'gives IBAN or BIC' },
        { pattern: /\b\d{2}[- ]\d{2}[- ]\d{2}\b[^\n]{0,40}\b\d{8}\b/, says: 'prints a sort code and account number' },
      ],
    },
    {
      name: 'balances',
      cues: [
        {
          pattern: /(?:opening|closing|start|end)\s+balance|balance\s+(?:brought|carried)\s+forward/i,
          says: 'shows opening or closing balances',
        },
        {
          pattern: /paid\s+(?:in|out)|money\s+(?:in|out)|withdrawals?|\bdebits?\b[^\n]{0,40}\bcredits?\b/i,
          says: 'lists money in and out',
        },
      ],
    },
    {
      name: 'statement',
      cues: [
        { pattern: /statement\s+of\s+account|account\s+statement|statement\s+(?:period|date)/i, says: 'calls itself an account statement' },
        { pattern: /\bstatement\b/i, says: 'calls itself a statement' },
      ],
    },
    {
      name: 'bank',
      cues: [
        { pattern: /\bbank(?:ing)?\b|building\s+society/i, says: 'names a bank' },
        { pattern: /\b(?:business|current|savings)\s+account\b/i, says: 'names a kind of bank account' },
        { pattern: /financial\s+conduct\s+authority|prudential\s+regulation|\bFSCS\b/i, says: 'states its banking regulators' },
      ],
    },
    {
      name: 'transactions',
      cues: [
        {
          pattern: /standing\s+order|faster\s+payment|card\s+payment|\bBACS\b|\bCHQ\b|transfer\s+(?:from|to)\b/i,
          says: 'lists payments by kind',
        },
      ],
    },
  ],
  utility_bill: [
    {
      name: 'supply',
      cues: [
        {
          pattern: /\b(?:electricity|gas|water|energy|power|broadband|sewerage|telecom|telephone|fibre|phone)\b/i,
          says: 'concerns a utility supply',
        },
      ],
    },
    {
      name: 'usage',
      cues: [
        { pattern: /meter\s+(?:reading|number|serial)|\bMPAN\b|\bMPRN\b/i, says: 'gives meter readings or numbers' },
        // A quantity before the unit and no inward code after it: a postcode ("Unit 12 M3 5JZ") is not cubic metres.
        {
          pattern: /\bkwh\b|cubic\s+metres|\d\s?m(?:3|³)(?![\dA-Z]|\s?\d[A-Z]{2}\b)/i,
          says: 'measures usage in kWh or cubic metres',
        },
        { pattern: /calls\s+to\s+(?:mobiles|landlines)|data\s+allowance|call\s+charges|minutes\s+used/i, says: 'itemises calls or data' },
      ],
    },
    {
      name: 'tariff',
      cues: [
        { pattern: /standing\s+charge|unit\s+rate|\btariff\b|price\s+plan/i, says: 'shows tariff or standing charges' },
        { pattern: /line\s+rental|(?:broadband|calls)\s+(?:and\s+calls\s+)?package/i, says: 'shows telephone or broadband charges' },
      ],
    },
    {
      name: 'bill',
      cues: [
        {
          pattern: /(?:your|this)\s+(?:\w+\s+)?(?:bill|invoice)\b|bill\s+(?:date|issued)|invoice\s+date|date\s+of\s+(?:bill|invoice)/i,
          says: 'calls itself a bill',
        },
        { pattern: /(?:amount|total)\s+(?:due|to\s+pay|payable)|balance\s+to\s+pay/i, says: 'asks for an amount due' },
      ],
    },
    {
      name: 'customer_account',
      cues: [
        {
          pattern: /customer\s+(?:account|reference|number)|account\s+(?:number|no\b)|reference\s+number/i,
          says: 'gives a customer account number',
        },
      ],
    },
    {
      name: 'supply_period',
      cues: [
        { pattern: /supply\s+address|premises\s+supplied/i, says: 'names a supply address' },
        { pattern: /billing\s+period|period\s+of\s+supply|supply\s+period/i, says: 'states a billing period' },
      ],
    },
  ],
};

export interface FamilyFound {
  family: string;
  /** What the first cue that hit says. */
  says: string;
}

/** The families of a type that the text shows, each once, by the first of its cues that hits. */
export function familiesFound(text: string, type: KnownType): FamilyFound[] {
  const found: FamilyFound[] = [];
  for (const family of FAMILIES[type]) {
    const cue = family.cues.find((c) => c.pattern.test(text));
    if (cue) found.push({ family: family.name, says: cue.says });
  }
  return found;
}
