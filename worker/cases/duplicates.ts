import type { Check } from '../domain';
import { canonicalCompanyNumber } from '../registries/companies-house';
import { check } from '../verification/check';
import type { CaseMember, SharedElsewhere } from './port';

const digits = (v: string | null | undefined) => (v ? v.replace(/\D+/g, '') : '');

/** The bank account a document shows, if any: digits only, with its sort code when printed. */
export function accountOf(member: CaseMember): { account: string; sortCode: string } | undefined {
  const account = member.result?.fields?.account_number?.value;
  if (!account) return undefined;
  return { account, sortCode: digits(member.result?.fields?.sort_code?.value) };
}

const otherCompany = (mine: string, theirs: string | null) => !theirs || canonicalCompanyNumber(theirs) !== canonicalCompanyNumber(mine);

/**
 * The same file, or the same bank account, under another company's case of this tenant. Each side
 * computes this against the other, so both cases show the flag.
 */
export function duplicateChecks(companyNumber: string, members: CaseMember[], elsewhere: SharedElsewhere[]): Check[] {
  const checks: Check[] = [];
  const foreign = elsewhere.filter((e) => otherCompany(companyNumber, e.company_number));
  if (members.length > 0) {
    const sameFile = members.flatMap((m) =>
      foreign
        .filter((e) => e.sha256 === m.document.sha256)
        .map((e) => ({ document_id: m.document.id, other_document_id: e.document_id, other_case_id: e.case_id, sha256: e.sha256 })),
    );
    checks.push(
      sameFile.length > 0
        ? check('case.duplicate_document', 'fail', 'same_file_in_other_company_case', 'The same file is in a case for another company.', {
            matches: sameFile,
          })
        : check('case.duplicate_document', 'pass', 'no_duplicate_file', "No file of this case is in another company's case."),
    );
  }
  const withAccount = members.map((m) => ({ m, a: accountOf(m) })).filter((x) => x.a);
  if (withAccount.length > 0) {
    const sameAccount = withAccount.flatMap(({ m, a }) =>
      foreign
        .filter((e) => e.account_number === a!.account && (!a!.sortCode || !digits(e.sort_code) || digits(e.sort_code) === a!.sortCode))
        .map((e) => ({
          document_id: m.document.id,
          other_document_id: e.document_id,
          other_case_id: e.case_id,
          account_number: a!.account,
        })),
    );
    checks.push(
      sameAccount.length > 0
        ? check(
            'case.duplicate_bank_account',
            'fail',
            'bank_account_in_other_company_case',
            'The same bank account appears in a case for another company.',
            { matches: sameAccount },
          )
        : check('case.duplicate_bank_account', 'pass', 'bank_account_unique', "The bank account appears in no other company's case."),
    );
  }
  return checks;
}
