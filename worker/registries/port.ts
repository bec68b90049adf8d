import type { CompanyOfficer, ProfileLookup, SignificantControl } from './companies-house';
import type { VatLookup } from './hmrc-vat';

/** What the checks need of Companies House; a replay answers it from stored evidence. `fresh` skips any cache. */
export interface CompaniesHouseLookup {
  profile(companyNumber: string, options?: { fresh?: boolean }): Promise<ProfileLookup>;
}

/** The live registry, which monitoring also asks for the people behind a company. */
export interface CompaniesHouseRegistry extends CompaniesHouseLookup {
  /** Every officer, current and resigned. */
  officers(companyNumber: string): Promise<CompanyOfficer[]>;
  /** Every person with significant control, current and ceased. */
  personsWithSignificantControl(companyNumber: string): Promise<SignificantControl[]>;
}

/** What the checks need of HMRC's VAT number check; a replay answers it from stored evidence. */
export interface HmrcVatLookup {
  lookup(vrn: string, options?: { fresh?: boolean }): Promise<VatLookup>;
}
