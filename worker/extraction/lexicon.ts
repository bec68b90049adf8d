/**
 * The words documents put before each field, whatever their layout. A label may stand alone
 * ("Name:") or be one of several on a line (a grid's header, or two columns merged into one line).
 */
export const LABELS = {
  company_name:
    /\b(?:account\s+name|account\s+holder|company\s+name|name\s+of\s+(?:the\s+)?(?:company|business)|customer\s+name|business\s+name|registered\s+name|registered\s+person|this\s+certificate\s+is\s+issued\s+to|customer\s*:|name\s*:)(?![a-z])/i,
  company_number:
    /\b(?:company\s*(?:number|no\.?|num\.?)|co\.\s*no\.?|registered\s+number|registration\s+number|rhif\s+y\s+cwmni|(?<![\w ])no\.\s*:|number\s*:)/i,
  vat_number: /\b(?:VAT\s*(?:registration\s*|reg\.?\s*)?(?:number|no\.?)|registration\s+(?:number|no\.?))/i,
  sort_code: /\bsort\s*code\b/i,
  // OCR reads the second c of "Account" as an o ("Acoount number").
  account_number: /\b(?:(?<!customer\s)ac[co]ount\s*(?:number|no\.?)|acc(?:ount)?\s*no\.?|a[\/|lIJ]c\s*no\.?|account\s*:)/i,
  address:
    /\b(?:(?:billing|business|registered|co(?:rr|nr|rn)espondence|postal|office)\s+add?ress|principal\s+place\s+of\s+business|bill\s+to\s*:|address\s*:)/i,
  statement_period: /\b(?:statement\s+period|statement\s+dates|billing\s+period|period|from\s*:?)(?=\s|$)/i,
  incorporation_date:
    /\b(?:incorporated\s+on|date\s+of\s+incorporation|incorporation\s+date|incorporated\s*:|given\s+at\b.*?\bon)(?=\s|$)/i,
  /** A document's own date: the day it was issued, billed or closed. */
  document_date:
    /\b(?:date\s+of\s+(?:issue|bill|invoice|this\s+certificate)|issue\s+date|issued\s+on|issued\s*:|date\s+issued|bill\s+date|invoice\s+date|bill\s+issued|tax\s+point|statement\s+date|(?<![\w ])date\s*:?)(?=\s|$)/i,
} as const;

export type LabelledField = keyof typeof LABELS;

/** Labels of things that are not the business's: another site, a payment date, the issuer. */
export const OTHER_LABELS =
  /\b(?:supply\s+address|site\s+address|effective\s+(?:date|from)|registered\s+from|date\s+of\s+registration|registered\s+with\s+effect\s+from|pay\s+by|payment\s+due|due\s+date|trade\s+class(?:ification)?|amount\s+due|customer\s+reference|IBAN|BIC|jurisdiction|company\s+type|meter)\b/i;

/**
 * Wording that marks text as the issuer's own: its registered office, regulator, return address,
 * helpline. Postcodes and names on such lines belong to the issuer, not to the business.
 */
export const ISSUER_CUES =
  /registered\s+office|authori[sz]ed\s+by|is\s+authorised|regulated\s+by|return(?:\s+address|\s+to)|undelivered|write\s+to|registered\s+in\s+(?:england|scotland|northern\s+ireland)|head\s+office|customer\s+services|HM\s*Revenue|\bHMRC\b|Companies\s+House|Registrar\s+of\s+Companies|VAT\s+Registration\s+Service|\bPRA\b|Financial\s+Conduct/i;
