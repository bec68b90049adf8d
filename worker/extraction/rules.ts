import type { DocumentType, ExtractedField, PageInfo } from '../domain';
import { FIELDS_BY_TYPE, type FieldName } from './fields';
import {
  companyNameForMatching,
  findDates,
  isValidVatNumber,
  normalizeAccountNumber,
  normalizeCompanyNumber,
  normalizePostcode,
  normalizeSortCode,
  normalizeVatNumber,
  tidyAddress,
  tidyCompanyName,
} from './normalize';

interface Line {
  text: string;
  page: number;
}

interface Found {
  value: string;
  raw?: string;
  normalized?: string;
  valid?: boolean;
  page: number;
  /** How sure the rule is, before the page's reading quality is weighed in. */
  certainty: number;
}

export interface RuleInput {
  pages: string[];
  pageInfo: PageInfo[];
  documentType: DocumentType;
}

const COMPANY_SUFFIX = /\b(?:LIMITED|LTD\.?|PLC|P\.L\.C\.|LLP|L\.L\.P\.|CIC|COMMUNITY INTEREST COMPANY|UNLIMITED)\s*$/i;
/** Words that mark a line as a heading or a label, not part of a postal address. */
const NOT_ADDRESS =
  /:|\b(?:address|statement|certificate|bill|invoice|account|period|date|page|tel|telephone|email|www|registered|vat|number|sort code|balance|business banking|customer)\b/i;
const MAX_ADDRESS_LINE = 60;
const DIGITISH = '[0-9OIlSB]';

function linesOf(pages: string[]): Line[] {
  return pages.flatMap((text, i) =>
    text
      .split('\n')
      .map((l) => l.replace(/\s+/g, ' ').trim())
      .filter(Boolean)
      .map((l) => ({ text: l, page: i + 1 })),
  );
}

/**
 * The text after a label on the same line, or the next line when the label stands alone (forms
 * often put values below or beside their labels).
 */
function afterLabel(lines: Line[], label: RegExp): Array<{ text: string; page: number }> {
  const out: Array<{ text: string; page: number }> = [];
  lines.forEach((line, i) => {
    const m = label.exec(line.text);
    if (!m) return;
    const rest = line.text.slice(m.index + m[0].length).replace(/^[\s:.\-–]+/, '');
    if (rest) out.push({ text: rest, page: line.page });
    else if (lines[i + 1]) out.push({ text: lines[i + 1]!.text, page: lines[i + 1]!.page });
  });
  return out;
}

interface AddressBlock {
  name?: string;
  lines: string[];
  postcode: string;
  page: number;
}

/**
 * A postcode at the end of a line, read from the last one to three words: OCR splits codes
 * ("CFI 1 5GT") and sprinkles specks that read as lower-case letters into them.
 */
function postcodeLine(text: string): { postcode: string; before: string } | undefined {
  if (text.length > MAX_ADDRESS_LINE) return undefined;
  const words = text.replace(/[.,;]+$/, '').split(' ');
  for (const take of [2, 1, 3]) {
    if (words.length < take) continue;
    const compact = words
      .slice(-take)
      .join('')
      .replace(/(?<=[A-Z0-9])[a-z]/g, '');
    if (compact.length < 5 || compact.length > 7 || !/^[A-Z]/i.test(compact)) continue;
    const postcode = normalizePostcode(`${compact.slice(0, -3)} ${compact.slice(-3)}`);
    if (postcode)
      return {
        postcode,
        before: words
          .slice(0, -take)
          .join(' ')
          .replace(/[\s,]+$/, '')
          .trim(),
      };
  }
  return undefined;
}

/**
 * Postal address blocks: short lines that end in a line with a postcode, read upwards until a
 * heading, a label or a company name.
 */
function addressBlocks(lines: Line[]): AddressBlock[] {
  const blocks: AddressBlock[] = [];
  lines.forEach((line, i) => {
    const pc = postcodeLine(line.text);
    if (!pc) return;
    const body: string[] = pc.before ? [pc.before] : [];
    let name: string | undefined;
    for (let j = i - 1; j >= Math.max(0, i - 6); j--) {
      const text = lines[j]!.text;
      if (lines[j]!.page !== line.page || text.length > MAX_ADDRESS_LINE) break;
      if (COMPANY_SUFFIX.test(text)) {
        name = text;
        break;
      }
      if (NOT_ADDRESS.test(text)) break;
      body.unshift(text);
    }
    if (body.length > 0) blocks.push({ name, lines: body, postcode: pc.postcode, page: line.page });
  });
  return blocks;
}

function pageQuality(pageInfo: PageInfo[], page: number): number {
  const info = pageInfo.find((p) => p.number === page);
  if (!info || info.source !== 'ocr' || info.ocr_confidence === undefined) return 1;
  return Math.min(1, Math.max(0.5, info.ocr_confidence / 100));
}

/** What the rules can see in a document, computed once and shared by the field rules. */
class Reading {
  readonly lines: Line[];
  readonly blocks: AddressBlock[];

  constructor(readonly input: RuleInput) {
    this.lines = linesOf(input.pages);
    this.blocks = addressBlocks(this.lines);
  }

  /** The block addressed to the business: the first one that opens with a company name. */
  get addressee(): AddressBlock | undefined {
    return this.blocks.find((b) => b.name) ?? this.blocks[0];
  }

  companyName(): Found | undefined {
    const pageOne = this.lines
      .filter((l) => l.page === 1)
      .map((l) => l.text)
      .join(' ');
    const certified = /certif(?:y|ies)\s+that\s+(.{3,120}?)\s+(?:is|was)\s+(?:this\s+day\s+)?incorporated/i.exec(pageOne);
    if (certified) return nameFound(certified[1]!, 1, 0.9);
    for (const hit of afterLabel(
      this.lines,
      /\b(?:account\s+name|company\s+name|name\s+of\s+(?:the\s+)?(?:company|business)|customer\s+name|business\s+name|registered\s+name)\b(?!\s+and\b)/i,
    )) {
      if (COMPANY_SUFFIX.test(hit.text) || hit.text.length <= MAX_ADDRESS_LINE) return nameFound(hit.text, hit.page, 0.85);
    }
    const addressee = this.addressee;
    if (addressee?.name) return nameFound(addressee.name, addressee.page, 0.8);
    const any = this.lines.find(
      (l) =>
        l.text.length <= MAX_ADDRESS_LINE &&
        COMPANY_SUFFIX.test(l.text) &&
        !/limited\s+company|company\s+limited|bank|registered/i.test(l.text),
    );
    return any ? nameFound(any.text, any.page, 0.5) : undefined;
  }

  companyNumber(): Found | undefined {
    const value = new RegExp(`^([A-Z]{2}\\s?${DIGITISH}{6}|${DIGITISH}{6,8})\\b`, 'i');
    for (const hit of afterLabel(this.lines, /\b(?:company|registered|registration)\s*(?:number|no\.?|num\.?)/i)) {
      const m = value.exec(hit.text);
      const normal = m && normalizeCompanyNumber(m[1]!);
      if (normal) return { value: normal, raw: m[1], page: hit.page, certainty: 0.9 };
    }
    if (this.input.documentType !== 'certificate_of_incorporation') return undefined;
    for (const line of this.lines) {
      const m = /\b((?:SC|NI|OC|SO|NC)\d{6}|\d{8})\b/.exec(line.text);
      if (m) return { value: m[1]!, page: line.page, certainty: 0.6 };
    }
    return undefined;
  }

  vatNumber(): Found | undefined {
    const value = new RegExp(`^((?:GB\\s?)?${DIGITISH}{3}\\s?${DIGITISH}{4}\\s?${DIGITISH}{2}(?:\\s?\\d{3})?)\\b`, 'i');
    for (const hit of afterLabel(
      this.lines,
      /\b(?:VAT\s*(?:registration\s*|reg\.?\s*)?(?:number|no\.?)|registration\s+(?:number|no\.?))/i,
    )) {
      const m = value.exec(hit.text);
      const normal = m && normalizeVatNumber(m[1]!);
      if (normal) return { value: normal, raw: m[1], valid: isValidVatNumber(normal), page: hit.page, certainty: 0.9 };
    }
    return undefined;
  }

  postcode(): Found | undefined {
    const block = this.addressee;
    if (block) return { value: block.postcode, page: block.page, certainty: block.name ? 0.85 : 0.6 };
    return undefined;
  }

  address(): Found | undefined {
    const block = this.addressee;
    if (!block) return undefined;
    return { value: tidyAddress(block.lines), page: block.page, certainty: block.name ? 0.8 : 0.55 };
  }

  /** The first date on a line matching the label (or the line after a bare label). */
  private labelledDate(label: RegExp): Found | undefined {
    for (const hit of afterLabel(this.lines, label)) {
      const date = findDates(hit.text)[0];
      if (date) return { value: date.iso, raw: date.text, page: hit.page, certainty: 0.9 };
    }
    return undefined;
  }

  private firstDate(certainty: number): Found | undefined {
    for (const line of this.lines) {
      const date = findDates(line.text)[0];
      if (date) return { value: date.iso, raw: date.text, page: line.page, certainty };
    }
    return undefined;
  }

  incorporationDate(): Found | undefined {
    return (
      this.labelledDate(/\b(?:incorporated\s+on|given\s+at\b.*?\bon|date\s+of\s+incorporation|incorporation\s+date)\b/i) ??
      this.firstDate(0.6)
    );
  }

  statementPeriod(): Found | undefined {
    const range = /(.+?)\s+(?:to|until|-|–|—)\s+(.+)/i;
    const candidates = [
      ...afterLabel(this.lines, /\b(?:statement\s+period|statement\s+dates|period|from)\b/i).map((h) => ({ ...h, certainty: 0.9 })),
      ...this.lines.map((l) => ({ ...l, certainty: 0.6 })),
    ];
    for (const c of candidates) {
      const m = range.exec(c.text);
      if (!m) continue;
      const start = findDates(m[1]!).at(-1);
      const end = findDates(m[2]!)[0];
      if (start && end && start.iso <= end.iso)
        return { value: `${start.iso}/${end.iso}`, raw: c.text, page: c.page, certainty: c.certainty };
    }
    return undefined;
  }

  documentDate(): Found | undefined {
    switch (this.input.documentType) {
      case 'certificate_of_incorporation':
        return this.incorporationDate();
      case 'bank_statement': {
        const labelled = this.labelledDate(/\bstatement\s+date\b/i);
        if (labelled) return labelled;
        const period = this.statementPeriod();
        return period && { ...period, value: period.value.split('/')[1]!, raw: undefined };
      }
      default:
        return (
          this.labelledDate(
            /\b(?:date\s+of\s+(?:issue|bill|invoice)|issue\s+date|issued\s+on|date\s+issued|bill\s+date|invoice\s+date|bill\s+issued|tax\s+point)\b/i,
          ) ?? this.firstDate(0.5)
        );
    }
  }

  sortCode(): Found | undefined {
    for (const hit of afterLabel(this.lines, /\bsort\s*code\b/i)) {
      const m = new RegExp(`^(${DIGITISH}{2}[\\s\\-–]?${DIGITISH}{2}[\\s\\-–]?${DIGITISH}{2})\\b`).exec(hit.text);
      const normal = m && normalizeSortCode(m[1]!);
      if (normal) return { value: normal, raw: m[1], page: hit.page, certainty: 0.9 };
    }
    return undefined;
  }

  accountNumber(): Found | undefined {
    for (const hit of afterLabel(this.lines, /\b(?<!customer\s)account\s*(?:number|no\.?)/i)) {
      const m = new RegExp(`^(${DIGITISH}(?:\\s?${DIGITISH}){6,7})\\b`).exec(hit.text);
      const normal = m && normalizeAccountNumber(m[1]!);
      if (normal) return { value: normal, raw: m[1], page: hit.page, certainty: 0.9 };
    }
    return undefined;
  }
}

function nameFound(text: string, page: number, certainty: number): Found | undefined {
  const value = tidyCompanyName(text);
  if (value.length < 2) return undefined;
  return { value, normalized: companyNameForMatching(value), page, certainty };
}

const RULES: Record<FieldName, (r: Reading) => Found | undefined> = {
  company_name: (r) => r.companyName(),
  company_number: (r) => r.companyNumber(),
  incorporation_date: (r) => r.incorporationDate(),
  vat_number: (r) => r.vatNumber(),
  address: (r) => r.address(),
  postcode: (r) => r.postcode(),
  document_date: (r) => r.documentDate(),
  statement_period: (r) => r.statementPeriod(),
  sort_code: (r) => r.sortCode(),
  account_number: (r) => r.accountNumber(),
};

/**
 * Reads the fields a document of this type states, by labels, layout and patterns. Each value is
 * normalised; its confidence is the rule's certainty weighed by how well its page was read.
 */
export function extractByRules(input: RuleInput): Record<string, ExtractedField> {
  const reading = new Reading(input);
  const fields: Record<string, ExtractedField> = {};
  for (const name of FIELDS_BY_TYPE[input.documentType]) {
    const found = RULES[name](reading);
    if (!found) continue;
    const { certainty, ...rest } = found;
    const field: ExtractedField = {
      ...rest,
      confidence: Math.round(certainty * pageQuality(input.pageInfo, found.page) * 100) / 100,
      source: 'rules',
      page: found.page,
    };
    if (field.raw === field.value) delete field.raw;
    fields[name] = stripUndefined(field);
  }
  return fields;
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
