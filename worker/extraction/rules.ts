import type { DocumentType, ExtractedField, PageInfo, UncertainRead } from '../domain';
import { FIELDS_BY_TYPE, type FieldName } from './fields';
import { LABELS } from './lexicon';
import {
  addressBlocks,
  type AddressBlock,
  afterLabels,
  issuerNames,
  labelHits,
  labelSpans,
  type LabelHit,
  type Line,
  linesOf,
  nameIn,
  type PostcodeAt,
  postcodesIn,
} from './layout';
import {
  comparableValue,
  companyNameForMatching,
  findDates,
  houseNumberReadings,
  isValidVatNumber,
  lookalikePostcodes,
  normalizeAccountNumber,
  companyNumberReadings,
  sortCodeReadings,
  normalizeVatNumber,
  repairDateText,
  slashlessDate,
  tidyAddress,
  vatNumberReadings,
  vatNumberThroughSpecks,
  tidyCompanyName,
} from './normalize';
import { areasOfTown, inAreas } from './towns';
import { ACCOUNT, COMPANY_NUMBER, firstValue, SORT_CODE, type TypedField, VALUE_SHAPES, VAT, VAT_READ } from './values';
import { fewestRepairsWithSpace } from './unsure';

/** One possible value of a field, with how much the evidence for it weighs and why. */
interface Candidate {
  value: string;
  raw?: string;
  normalized?: string;
  valid?: boolean;
  page: number;
  score: number;
  reasons: string[];
}

export interface RuleInput {
  pages: string[];
  pageInfo: PageInfo[];
  documentType: DocumentType;
}

/**
 * The words joining two dates of a range (OCR reads a dash as a tilde, as two dashes, "—-", or as dashes and tildes in
 * either order, "—~" or "~-", and "to" after a year as "10"). Searched for on its own
 * (the dates are what lies either side), so a line is scanned once: `(.+?)\s+(?:to|…)\s+(.+)` took quadratic time on a long line.
 */
const RANGE_JOIN = /(?<=\S)\s+(?:to|until|[-–—~]+)(?:\s*:)?\s+(?=\S)|(?<=\b(?:19|20)\d\d)\s+[t1l|][o0]\s+(?=\d)/i;

/**
 * Sentences a certificate states its day of incorporation in, read over its lines joined (a sentence
 * wraps, and a bilingual certificate's columns are read down, so "Given at ..., Cardiff," and
 * "on 3 May 2021" are consecutive lines). The Welsh column states the same day ("Caerdydd, ar 03/05/2021"):
 * two statements that agree add up, two that disagree leave the day in doubt.
 */
const INCORPORATION_STATEMENTS: Array<[RegExp, string]> = [
  [/incorporated\s+on\s+(.{6,30})/i, 'stated as the day of incorporation'],
  [/\bgiven\s+at\b[^.:]{0,80}?\bon\s+(.{6,30})/i, 'stated as the day the certificate was given'],
  [/\brhoddwyd\b[^.:]{0,80}?\bar\s+(.{6,30})/i, 'stated in Welsh as the day the certificate was given ("Rhoddwyd ... ar")'],
];

function describe(hit: LabelHit): string {
  return `${hit.how} "${hit.label.trim()}"`;
}

/** Names of the bodies that issue these documents: never the business a document is about. */
const ISSUING_BODY = /\b(?:bank|revenue|customs|registrar|companies house)\b/i;

/** Combines candidates with the same value: independent evidence adds up (noisy-or of scores). */
function merge(name: string, candidates: Candidate[]): Candidate[] {
  const byValue = new Map<string, Candidate>();
  for (const c of candidates) {
    const key = comparableValue(name, c);
    const seen = byValue.get(key);
    if (!seen) byValue.set(key, { ...c, reasons: [...c.reasons] });
    else {
      seen.score = 1 - (1 - seen.score) * (1 - c.score * 0.5);
      for (const r of c.reasons) if (!seen.reasons.includes(r)) seen.reasons.push(r);
    }
  }
  return [...byValue.values()].sort((a, b) => b.score - a.score);
}

/**
 * A field with a fixed shape: its label's field, the pattern it is printed in and its readings
 * (none when the text cannot be the field, several when OCR's look-alikes leave it open).
 */
interface Typed {
  field: TypedField;
  pattern: RegExp;
  read: (s: string) => string[];
}

/** A normaliser's one reading (or none) as a list of readings. */
function single(normalize: (s: string) => string | undefined): (s: string) => string[] {
  return (s) => {
    const value = normalize(s);
    return value ? [value] : [];
  };
}

/** Letters and digits only, in capitals, without a VAT number's GB: the characters a value is printed in. */
function printedCharacters(text: string): string {
  return text
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .replace(/^GB(?=\d)/, '');
}

/**
 * Whether a reading changed what was printed (a letter read as the digit it resembles, a doubled
 * glyph dropped) rather than only its spacing, a zero's padding or a branch suffix.
 */
function isRepair(value: string, raw: string): boolean {
  const [read, printed] = [printedCharacters(value), printedCharacters(raw)];
  return !read.endsWith(printed) && !printed.startsWith(read);
}

/**
 * One candidate per reading of a printed value: several readings share the evidence and say so,
 * and a reading that repaired what OCR printed weighs less than one printed as it is.
 */
function readingsOf(readings: string[], raw: string, page: number, score: number, reason: string): Candidate[] {
  return readings.map((value) => {
    const repaired = isRepair(value, raw);
    const reasons = readings.length > 1 ? [reason, `one of ${readings.length} readings of "${raw}" its format allows`] : [reason];
    if (repaired && readings.length === 1) reasons.push(`repaired from "${raw}"`);
    return { value, raw, page, score: (score * (repaired ? REPAIRED_SHARE : 1)) / readings.length, reasons };
  });
}

/** Finds typed values in the text labels point to; in a grid, the one under the label. */
function patternAfterLabels(hits: LabelHit[], { pattern, read }: Pick<Typed, 'pattern' | 'read'>, score: number): Candidate[] {
  const out: Candidate[] = [];
  for (const hit of hits) {
    pattern.lastIndex = 0;
    const matches = [...hit.text.matchAll(pattern)];
    for (const [index, m] of matches.entries()) {
      const readings = read(m[1]!);
      if (!readings.length) continue;
      const first = index === 0 && (hit.how !== 'in grid under label' || m.index < hit.text.length / 2 + 20);
      out.push(...readingsOf(readings, m[1]!, hit.page, first ? score : score * 0.5, describe(hit)));
      break;
    }
  }
  return out;
}

/**
 * VAT numbers after labels whose digits OCR broke up with punctuation, read through it where the check
 * digits hold, weighing as a repair: the specks were guessed to be nothing.
 */
function throughSpecks(hits: LabelHit[]): Candidate[] {
  return hits.flatMap((hit) => {
    const value = vatNumberThroughSpecks(hit.text);
    const reasons = [describe(hit), `read through the punctuation OCR printed among its digits ("${hit.text.trim()}")`];
    return value ? [{ value, raw: hit.text.trim(), page: hit.page, score: 0.9 * REPAIRED_SHARE, reasons }] : [];
  });
}

/**
 * A typed value printed alone on a line near its label: OCR often reads a form's labels and its
 * values as separate blocks, so the value lands a few lines away from the label.
 */
function patternNearLabels(lines: Line[], { field, pattern, read }: Typed, score: number): Candidate[] {
  const out: Candidate[] = [];
  const near = new Set<number>();
  lines.forEach((line, i) => {
    if (labelSpans(line.text).some((s) => s.fields.includes(field)))
      for (let j = Math.max(0, i - NEAR_LINES); j <= Math.min(lines.length - 1, i + NEAR_LINES); j++) near.add(j);
  });
  for (const i of [...near].sort((a, b) => a - b)) {
    const text = lines[i]!.text.replace(/^\W+|(?<!\W)\W+$/g, '');
    pattern.lastIndex = 0;
    const m = pattern.exec(text);
    if (m && m.index === 0 && m[1]!.length === text.length)
      out.push(...readingsOf(read(m[1]), m[1], lines[i]!.page, score, 'printed alone near its label'));
  }
  return out;
}

const NEAR_LINES = 4;
/**
 * What a value weighs when OCR printed it otherwise and a look-alike repair made it valid (a
 * postcode, a company, VAT or account number): the repair may have picked a well-formed wrong
 * value, so one printed valid elsewhere outweighs it, and its confidence is lower.
 */
const REPAIRED_SHARE = 0.8;
/**
 * What a postcode weighs when the page's two readings of its line read two different real postcodes
 * and the other needed no more repairs: the text cannot say which was printed, so it goes to review.
 */
const DISPUTED_SHARE = 0.5;
/**
 * What a postcode weighs outside the area its address's post town names, when one look-alike swap
 * would put it inside ("GL2" under Glasgow, for G12): a town is printed in words OCR seldom garbles.
 */
const OUT_OF_TOWN_SHARE = 0.4;
/**
 * What a postcode weighs that only a swap into its post town's area reads, on top of another repair of
 * what OCR printed (a doubled glyph dropped, "GL2 2z2z" under Glasgow read G12 2ZZ): two guesses, so review.
 */
const STACKED_REPAIR_SHARE = 0.5;
/**
 * What a labelled value weighs that only a second, closer reading read, where nothing but its shape
 * checks it (a company number, sort code or account number): the two readings disagree and nothing
 * says which is right, so it goes to review (under 0.9).
 */
const SHAPE_ONLY_SECOND_SHARE = 0.4;
/** What the reading of a postcode that the page did not keep weighs, listed beside the one it kept. */
const OTHER_READING_SHARE = 0.35;
/** What the end of a range weighs when its start was not read: the range is less sure to be the period. */
const OPEN_RANGE_SHARE = 0.7;
/**
 * The longest range a period read from a slashless run of digits may span: a statement covers a month
 * or a quarter, and a run that makes a date years from the other end is some other number.
 */
const MAX_REPAIRED_RANGE_DAYS = 366;
/** What a house number's letter reading weighs beside the digits OCR printed. */
const HOUSE_LETTER_SHARE = 0.25;

/**
 * The post town an address block names on its last line, when some readings of its postcode lie
 * outside that town's area and another (as read, or one look-alike swap away) lies inside it: then
 * the ones outside are doubted.
 */
function postTown(block: AddressBlock): { town: string; areas: Set<string> } | undefined {
  const town = areasOfTown(block.lines.at(-1) ?? '');
  const { readings } = block.postcode;
  if (!town || readings.every((r) => inAreas(r, town.areas))) return undefined;
  return [...readings, ...readings.flatMap(lookalikePostcodes)].some((p) => inAreas(p, town.areas)) ? town : undefined;
}

/**
 * Whether a postcode reading is what OCR printed: the same characters, and where OCR printed two
 * words, the outward code ending where it put the space (LS2 11XS is not LS21 1XS as printed).
 */
function readAsPrinted(value: string, printed: string): boolean {
  const words = printed.trim().toUpperCase().split(/\s+/);
  return compactCode(value) === compactCode(printed) && (words.length !== 2 || words[0] === value.split(' ')[0]);
}

const compactCode = (text: string) => text.replace(/[^A-Za-z0-9]/g, '').toUpperCase();

function daysBetween(start: string, end: string): number {
  return (Date.parse(end) - Date.parse(start)) / 86_400_000;
}

function pageQuality(pageInfo: PageInfo[], page: number): number {
  const info = pageInfo.find((p) => p.number === page);
  if (!info || info.source !== 'ocr' || info.ocr_confidence === undefined) return 1;
  return Math.min(1, Math.max(0.5, info.ocr_confidence / 100));
}

/**
 * The longest trailing run of capitalised words: certificates print the company's name in capitals.
 * A long number (the company number beside it, with its SC or NI prefix or without) is not part of a name.
 */
function capitalisedTail(text: string): string {
  const words = text.split(/\s+/);
  let k = words.length;
  while (k > 0 && /^(?:[',.()-]*[A-Z0-9][A-Z0-9'.,()-]*|&)$/.test(words[k - 1]!) && !/^(?:[A-Z]{2})?\d{5,}$/.test(words[k - 1]!)) k--;
  const tail = words.slice(k).join(' ');
  return tail.split(/\s+/).length >= 2 ? tail : text;
}

/** What the rules can see in a document, computed once and shared by the field rules. */
class Reading {
  readonly lines: Line[];
  readonly blocks: AddressBlock[];
  readonly issuers: Set<string>;

  constructor(readonly input: RuleInput) {
    this.lines = linesOf(input.pages);
    this.issuers = new Set([...issuerNames(this.lines)].map(companyNameForMatching));
    this.blocks = addressBlocks(this.lines).filter((b) => !b.name || (!this.isIssuer(b.name) && !ISSUING_BODY.test(b.name)));
  }

  /** The issuer's own name, however OCR spelt its suffix each time (Ltd, Lid, LIMITED). */
  private isIssuer(name: string): boolean {
    return this.issuers.has(companyNameForMatching(name));
  }

  private nameCandidate(text: string, page: number, score: number, reason: string): Candidate | undefined {
    const value = tidyCompanyName(nameIn(text) ?? text);
    if (value.length < 3 || value.split(' ').length > 12 || this.isIssuer(value)) return undefined;
    if (ISSUING_BODY.test(value)) return undefined;
    return { value, normalized: companyNameForMatching(value), page, score, reasons: [reason] };
  }

  companyName(): Candidate[] {
    const out: Array<Candidate | undefined> = [];
    const joined = this.lines.map((l) => l.text).join('\n');
    const certified = /certif(?:y|ies)\s+that\s+(\S[\s\S]{2,159}?)\s+(?:is|was)\s+(?:this\s+day\s+)?incorporated/i.exec(joined);
    const named = certified && capitalisedTail(certified[1]!.replace(/\n/g, ' '));
    if (certified && named && (named === named.toUpperCase() || nameIn(named))) {
      const page = this.lineAt(joined, certified.index)?.page ?? 1;
      out.push(this.nameCandidate(named, page, 0.9, 'named as the company certified incorporated'));
    }
    for (const hit of labelHits(this.lines, 'company_name')) {
      const suffix = nameIn(hit.text);
      const text = suffix ?? hit.text.split(',')[0]!;
      if (!suffix && text.length > 60) continue;
      out.push(this.nameCandidate(text, hit.page, suffix ? 0.85 : 0.55, describe(hit)));
    }
    for (const block of this.blocks) {
      if (block.name) out.push(this.nameCandidate(block.name, block.page, Math.min(0.8, block.score), 'opens the postal address block'));
    }
    for (const line of this.lines) {
      const name = nameIn(afterLabels(line.text));
      if (name && !/limited\s+(?:company|by)|company\s+limited|registered/i.test(line.text))
        out.push(this.nameCandidate(name, line.page, 0.3, 'a line ending in a company suffix'));
    }
    return merge(
      'company_name',
      out.filter((c): c is Candidate => !!c),
    );
  }

  private lineAt(joined: string, index: number): Line | undefined {
    return this.lines[joined.slice(0, index).split('\n').length - 1];
  }

  /**
   * Whether a company-number label points at the VAT registration instead: a label both fields share
   * ("Registration number") on a VAT certificate, or a value printed as a VAT number (its GB prefix, or
   * nine digits whose check digits hold). One printed value is never read as both.
   */
  private namesVatRegistration(hit: LabelHit): boolean {
    if (this.input.documentType === 'vat_registration_certificate' && LABELS.vat_number.test(hit.label)) return true;
    VAT.lastIndex = 0;
    const m = VAT.exec(hit.text);
    if (!m || m.index !== 0) return false;
    const vat = normalizeVatNumber(m[1]!);
    return /^GB/i.test(m[1]!) || (!!vat && isValidVatNumber(vat));
  }

  companyNumber(): Candidate[] {
    const hits = labelHits(this.lines, 'company_number').filter((hit) => !this.namesVatRegistration(hit));
    const out = patternAfterLabels(hits, { pattern: COMPANY_NUMBER, read: companyNumberReadings }, 0.9);
    if (this.input.documentType === 'certificate_of_incorporation') {
      for (const line of this.lines) {
        for (const m of line.text.matchAll(/\b((?:SC|NI|OC|SO|NC)\d{6}|\d{8})\b/g))
          out.push({ value: m[1]!, page: line.page, score: 0.4, reasons: ['a company number printed on the certificate'] });
      }
    }
    return merge('company_number', this.readTwice('company_number', out));
  }

  vatNumber(): Candidate[] {
    const typed = { pattern: VAT_READ, read: vatNumberReadings };
    const hits = labelHits(this.lines, 'vat_number');
    const broken = hits.filter((hit) => !patternAfterLabels([hit], typed, 0.9).length);
    const out = this.readTwice('vat_number', [...patternAfterLabels(hits, typed, 0.9), ...throughSpecks(broken)]).map((c) => {
      const valid = isValidVatNumber(c.value);
      return {
        ...c,
        valid,
        score: valid ? c.score : c.score * 0.6,
        reasons: [...c.reasons, valid ? 'check digits hold' : 'check digits fail'],
      };
    });
    return merge('vat_number', out);
  }

  private addressCandidates(): Array<{ block: AddressBlock; score: number }> {
    const names = this.companyName();
    const best = names[0]?.normalized;
    return this.blocks
      .map((block) => {
        const same = best && block.name && companyNameForMatching(block.name) === best;
        return { block, score: Math.min(0.97, block.score + (same ? 0.1 : 0)) };
      })
      .sort((a, b) => b.score - a.score);
  }

  postcode(): Candidate[] {
    const out: Candidate[] = [];
    for (const { block, score } of this.addressCandidates()) {
      const { readings, printed } = block.postcode;
      const look = this.otherLook(block);
      const shared = readings.filter((r) => look?.postcode.readings.includes(r));
      const other = shared.length ? undefined : look;
      // Of several repairs, those the other look at the line allows too are what both looks support.
      const agreed = shared.length < readings.length ? shared : [];
      const disputed = !!other && fewestRepairsWithSpace(other.postcode) <= fewestRepairsWithSpace(block.postcode);
      const town = postTown(block);
      for (const value of readings) {
        const reasons = [...block.reasons];
        const repaired = !readAsPrinted(value, printed);
        if (readings.length > 1) reasons.push(`one of ${readings.length} repairs of "${printed}" the postcode format allows`);
        else if (repaired) reasons.push(`repaired from "${printed}"`);
        if (other) reasons.push(`the ${other.which} reading of its line gave "${other.postcode.printed}"`);
        const corroborated = agreed.includes(value);
        if (look && !other && compactCode(look.postcode.printed) !== compactCode(printed) && shared.includes(value))
          reasons.push(`the ${look.which} reading of its line, "${look.postcode.printed}", allows it too`);
        const away = town && !inAreas(value, town.areas);
        if (away) reasons.push(`not in the area of its post town ${town.town}`);
        const among = agreed.length ? (corroborated ? agreed.length : readings.length / OTHER_READING_SHARE) : readings.length;
        const share = ((repaired ? REPAIRED_SHARE : 1) * (disputed ? DISPUTED_SHARE : 1) * (away ? OUT_OF_TOWN_SHARE : 1)) / among;
        out.push({ value, raw: printed, page: block.page, score: score * share, reasons });
      }
      for (const value of other?.postcode.readings ?? []) {
        const reasons = [...block.reasons, `the ${other!.which} reading of "${printed}", which was not kept`];
        out.push({
          value,
          raw: other!.postcode.printed,
          page: block.page,
          score: (score * OTHER_READING_SHARE) / other!.postcode.readings.length,
          reasons,
        });
      }
      // A swap into the town's area on top of a reading that already repaired what was printed is two guesses: review.
      const inTown =
        town && !readings.some((r) => inAreas(r, town.areas))
          ? readings.flatMap((r) =>
              lookalikePostcodes(r)
                .filter((p) => inAreas(p, town.areas))
                .map((value) => ({ value, share: REPAIRED_SHARE * (readAsPrinted(r, printed) ? 1 : STACKED_REPAIR_SHARE) })),
            )
          : [];
      for (const { value, share } of inTown) {
        const reasons = [...block.reasons, `"${printed}" read with one look-alike swapped, in the area of its post town ${town!.town}`];
        out.push({ value, raw: printed, page: block.page, score: (score * share) / inTown.length, reasons });
      }
    }
    return merge('postcode', out);
  }

  /** The reading of a block's postcode that OCR's other look at its line gave and the page did not keep, when it reads a real postcode. */
  private otherLook(block: AddressBlock): { postcode: PostcodeAt; which: 'first' | 'second' } | undefined {
    const reads = this.input.pageInfo.find((p) => p.number === block.page)?.uncertain_reads ?? [];
    const printed = compactCode(block.postcode.printed);
    const read = reads.find((r: UncertainRead) => compactCode(r.kept === 'first' ? r.first : (r.second ?? '')) === printed);
    const text = read && (read.kept === 'first' ? read.second : read.first);
    const postcode = text ? postcodesIn(text)[0] : undefined;
    return postcode?.readings.length ? { postcode, which: read!.kept === 'first' ? 'second' : 'first' } : undefined;
  }

  address(): Candidate[] {
    const blocks = this.addressCandidates();
    // The same address printed again, where that page read the number's letter (by its glyph, or OCR's own).
    const printedElsewhere = (value: string, page: number) =>
      blocks.some(({ block }) => block.page !== page && tidyAddress(block.lines) === value);
    return merge(
      'address',
      blocks.flatMap(({ block, score }) => {
        const value = tidyAddress(block.lines);
        const read = { value, page: block.page, score: score * 0.95, reasons: block.reasons };
        if (!this.ocrRead(block.page)) return [read];
        return [
          read,
          ...houseNumberReadings(value).map((other) => {
            const elsewhere = printedElsewhere(other, block.page);
            return {
              ...read,
              value: other,
              score: read.score * (elsewhere ? 1 : HOUSE_LETTER_SHARE),
              reasons: [
                ...block.reasons,
                `"${value}" as OCR may have read a number's letter B as 8`,
                ...(elsewhere ? ['another page prints that letter'] : []),
              ],
            };
          }),
        ];
      }),
    );
  }

  private ocrRead(page: number): boolean {
    return this.input.pageInfo.find((p) => p.number === page)?.source === 'ocr';
  }

  /** Dates a label points to; in a grid, the date in the label's place among the row's dates. */
  private labelledDates(field: 'document_date' | 'incorporation_date', score: number): Candidate[] {
    const out: Candidate[] = [];
    for (const hit of labelHits(this.lines, field)) {
      const dates = findDates(hit.text);
      const date = hit.how === 'in grid under label' ? dates[Math.max(0, hit.dateOrdinal ?? 0)] : dates[0];
      if (date) out.push({ value: date.iso, raw: date.text, page: hit.page, score, reasons: [describe(hit)] });
    }
    return out;
  }

  private firstDate(score: number): Candidate[] {
    for (const line of this.lines) {
      if (/\b(?:effective|registered\s+from|pay\s+by|due|after|period|from)\b/i.test(line.text)) continue;
      const date = findDates(line.text)[0];
      if (date) return [{ value: date.iso, raw: date.text, page: line.page, score, reasons: ['the first date printed'] }];
    }
    return [];
  }

  incorporationDate(): Candidate[] {
    const out = this.labelledDates('incorporation_date', 0.9);
    const joined = this.lines.map((l) => l.text).join(' ');
    const statements = INCORPORATION_STATEMENTS.flatMap(([pattern, reason]) => {
      const stated = pattern.exec(joined);
      const date = stated && findDates(stated[1]!)[0];
      return date ? [{ value: date.iso, raw: date.text, page: 1, score: 0.85, reasons: [reason] }] : [];
    });
    const disputed = new Set(statements.map((s) => s.value)).size > 1;
    out.push(
      ...statements.map((s) =>
        disputed
          ? { ...s, score: s.score * DISPUTED_SHARE, reasons: [...s.reasons, 'another statement on the certificate gives another day'] }
          : s,
      ),
    );
    // The first date printed stands in only where no sentence states the day: it is most often that sentence's own date.
    out.push(...this.labelledDates('document_date', 0.5), ...(statements.length ? [] : this.firstDate(0.4)));
    return merge('incorporation_date', out);
  }

  /**
   * Ranges of dates: after a period label, or anywhere on a line. Either end may be missing where OCR
   * lost a day ("| September 2026 - 30 September 2026"): the range then still gives its other end.
   */
  private ranges(): Array<{ start?: string; end?: string; raw: string; page: number; score: number; reason: string }> {
    const out: ReturnType<Reading['ranges']> = [];
    const read = (raw: string, page: number, score: number, reason: string, labelled: boolean) => {
      // Joined where the dates are repaired: "01/102026 10 31/102026" has no year before its "to" until its slashes are back.
      const text = repairDateText(raw);
      const m = RANGE_JOIN.exec(text);
      if (!m) return;
      const [before, after] = [text.slice(0, m.index), text.slice(m.index + m[0].length)];
      const printed = { start: findDates(before).at(-1)?.iso, end: findDates(after)[0]?.iso };
      const slashless = {
        start: printed.start ? undefined : slashlessDate(before.split(/\s+/).at(-1) ?? ''),
        end: printed.end ? undefined : slashlessDate(after.split(/\s+/)[0] ?? ''),
      };
      const [start, end] = [printed.start ?? slashless.start, printed.end ?? slashless.end];
      if (start && end && start > end) return;
      if (slashless.start || slashless.end) {
        // A run of digits is a date here only beside the range's other date (or after a period label, where both may be runs).
        if (!start || !end || (!labelled && !(printed.start || printed.end)) || daysBetween(start, end) > MAX_REPAIRED_RANGE_DAYS) return;
        out.push({ start, end, raw, page, score: score * REPAIRED_SHARE, reason: `${reason}, repaired from "${raw.trim()}"` });
      } else if (start || end) out.push({ start, end, raw, page, score, reason });
    };
    for (const hit of labelHits(this.lines, 'statement_period')) read(hit.text, hit.page, 0.9, describe(hit), true);
    for (const line of this.lines) read(line.text, line.page, 0.4, 'a range of dates', false);
    return out;
  }

  statementPeriod(): Candidate[] {
    const out = this.ranges().flatMap(({ start, end, raw, page, score, reason }) =>
      start && end ? [{ value: `${start}/${end}`, raw, page, score, reasons: [reason] }] : [],
    );
    return merge('statement_period', out);
  }

  /** A statement's closing day: the end of its period, even where OCR lost the period's first day. */
  private periodEnds(): Candidate[] {
    const whole = this.statementPeriod().map((c) => ({
      ...c,
      value: c.value.split('/')[1]!,
      raw: undefined,
      reasons: ['the end of the statement period', ...c.reasons],
    }));
    const endOnly = this.ranges().flatMap(({ start, end, page, score, reason }) =>
      end && !start
        ? [{ value: end, page, score: score * OPEN_RANGE_SHARE, reasons: ['the end of a period whose start was not read', reason] }]
        : [],
    );
    return [...whole, ...endOnly];
  }

  documentDate(): Candidate[] {
    switch (this.input.documentType) {
      case 'certificate_of_incorporation':
        return this.incorporationDate();
      case 'bank_statement':
        return merge('document_date', [...this.labelledDates('document_date', 0.9), ...this.periodEnds()]);
      default:
        return merge('document_date', [...this.labelledDates('document_date', 0.9), ...this.firstDate(0.5)]);
    }
  }

  /** A typed field: after or under its label, else alone on a line near it. */
  private typed(typed: Typed): Candidate[] {
    const labelled = patternAfterLabels(labelHits(this.lines, typed.field), typed, 0.92);
    return merge(typed.field, this.readTwice(typed.field, labelled.length ? labelled : patternNearLabels(this.lines, typed, 0.6)));
  }

  /**
   * A field's candidates weighed by how a page read their value twice, where its first reading read
   * nothing valid and a second, closer one read this: a VAT number its check digits vouch for
   * weighs as a repair; a value only its shape checks goes to review (the two readings disagree and
   * nothing says which is right). What the first reading gave, where it reads as the field, is kept
   * beside it as a candidate.
   */
  private readTwice(field: TypedField, candidates: Candidate[]): Candidate[] {
    const reads = (page: number) =>
      (this.input.pageInfo.find((p) => p.number === page)?.uncertain_reads ?? []).filter((r) => r.field === field);
    const out: Candidate[] = [];
    for (const c of candidates) {
      const read = reads(c.page).find((r) => r.kept === 'second' && compactCode(r.second ?? '').includes(compactCode(c.raw ?? c.value)));
      if (!read) {
        out.push(c);
        continue;
      }
      const checked = field === 'vat_number' && isValidVatNumber(c.value);
      const reason = `read a second time, closer up: the first reading, "${read.first}", read no valid ${field.replace('_', ' ')}`;
      out.push({ ...c, score: c.score * (checked ? REPAIRED_SHARE : SHAPE_ONLY_SECOND_SHARE), reasons: [...c.reasons, reason] });
      const first = firstValue(read.first, VALUE_SHAPES[field]);
      for (const value of first?.readings ?? []) {
        const reasons = [...c.reasons, `the first reading, "${read.first}", which the second did not keep`];
        out.push({ value, raw: first!.raw, page: c.page, score: (c.score * OTHER_READING_SHARE) / first!.readings.length, reasons });
      }
    }
    return out;
  }

  sortCode(): Candidate[] {
    return this.typed({ field: 'sort_code', pattern: SORT_CODE, read: sortCodeReadings });
  }

  accountNumber(): Candidate[] {
    return this.typed({ field: 'account_number', pattern: ACCOUNT, read: single(normalizeAccountNumber) });
  }
}

const RULES: Record<FieldName, (r: Reading) => Candidate[]> = {
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

/** How many alternatives a field shows beside its value. */
const SHOWN_CANDIDATES = 3;

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * A field's weight of evidence: the winner's score, less what a close runner-up takes from it,
 * times how well its page was read.
 */
function weight(best: Candidate, runnerUp: Candidate | undefined, quality: number): number {
  const margin = runnerUp ? Math.max(0, best.score - runnerUp.score) / best.score : 1;
  return Math.min(0.99, best.score * (0.7 + 0.3 * margin)) * quality;
}

/**
 * Weights of evidence against the share of fields read right at that weight, measured on the
 * tuned layouts of the generated corpus in every rendering (make accuracy, seed 7: 220 fields),
 * smoothed (one right and one wrong added to each band) and made monotone. `make accuracy`
 * prints the reliability this gives on held-out layouts. Below the lowest band nothing was
 * observed, so a weight near 0 means no better than even.
 */
const CALIBRATION: Array<[weight: number, right: number]> = [
  [0, 0.5],
  [0.3, 0.87],
  [0.7, 0.96],
  [0.85, 0.985],
  [0.99, 0.98],
];

/** A weight of evidence as the probability that the value is right, interpolated in {@link CALIBRATION}. */
export function calibrated(w: number): number {
  const upper = CALIBRATION.findIndex(([at]) => at >= w);
  if (upper <= 0) return round(CALIBRATION[upper === 0 ? 0 : CALIBRATION.length - 1]![1]);
  const [w0, p0] = CALIBRATION[upper - 1]!;
  const [w1, p1] = CALIBRATION[upper]!;
  return round(p0 + ((p1 - p0) * (w - w0)) / (w1 - w0));
}

/**
 * Reads the fields a document of this type states by labels, layout and patterns, without a
 * template: every field's candidates are scored with reasons and the best kept, the others shown
 * beside it.
 */
export function extractByRules(input: RuleInput): Record<string, ExtractedField> {
  const reading = new Reading(input);
  const fields: Record<string, ExtractedField> = {};
  for (const name of FIELDS_BY_TYPE[input.documentType]) {
    const candidates = RULES[name](reading);
    const best = candidates[0];
    if (!best) continue;
    const quality = pageQuality(input.pageInfo, best.page);
    const field: ExtractedField = {
      value: best.value,
      raw: best.raw === best.value ? undefined : best.raw,
      normalized: best.normalized,
      valid: best.valid,
      confidence: calibrated(weight(best, candidates[1], quality)),
      source: 'rules',
      page: best.page,
      reasons: best.reasons,
      candidates: candidates.slice(0, SHOWN_CANDIDATES).map((c) => ({
        value: c.value,
        confidence: calibrated(Math.min(0.99, c.score) * pageQuality(input.pageInfo, c.page)),
        page: c.page,
        reasons: c.reasons,
      })),
    };
    fields[name] = stripUndefined(field);
  }
  return fields;
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
