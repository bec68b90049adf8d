import type { Company } from '../../fixtures';
import type { CompanyProfile } from '../../worker/registries/companies-house';
import type { VatRegistration } from '../../worker/registries/hmrc-vat';

/** The fake registries' seed: fictitious companies in every state a check must tell apart. */
export interface SeedCompany {
  /** How the company appears on its documents (the fixtures' shape, so generated documents match). */
  company: Company;
  profile: CompanyProfile;
  /** Present when HMRC knows the company's VAT number. */
  vat?: VatRegistration['target'];
}

export function seed(
  company: Company,
  status: Partial<CompanyProfile>,
  options: { vatRegistered?: boolean; registeredName?: string } = {},
): SeedCompany {
  const [line1, ...rest] = company.address_lines;
  const locality = rest.at(-1);
  const registeredName = options.registeredName ?? company.name.toUpperCase();
  return {
    company,
    profile: {
      company_number: company.number,
      company_name: registeredName,
      company_status: 'active',
      type: 'ltd',
      jurisdiction: company.jurisdiction === 'england_wales' ? 'england-wales' : company.jurisdiction.replace('_', '-'),
      date_of_creation: company.incorporation_date,
      has_insolvency_history: false,
      registered_office_address: { address_line_1: line1, locality, postal_code: company.postcode, country: 'England' },
      ...status,
    },
    vat:
      options.vatRegistered === false
        ? undefined
        : {
            name: registeredName,
            vatNumber: company.vat_number,
            address: { line1, line2: locality, postcode: company.postcode, countryCode: 'GB' },
          },
  };
}

const company = (c: Omit<Company, 'jurisdiction'> & Partial<Pick<Company, 'jurisdiction'>>): Company => ({
  jurisdiction: 'england_wales',
  ...c,
});

/** Active, every registry detail matching its documents. */
export const ACTIVE = seed(
  company({
    name: 'Kestrel Valley Logistics Ltd',
    number: '09446231',
    vat_number: '234567847',
    address_lines: ['14 Station Road', 'Leeds'],
    postcode: 'LS1 4DY',
    incorporation_date: '2015-02-20',
  }),
  {},
);

/** Dissolved years ago; HMRC still lists the VAT number. */
export const DISSOLVED = seed(
  company({
    name: 'Copper Forge Engineering Limited',
    number: '07350213',
    vat_number: '314159283',
    address_lines: ['3 Mill Lane', 'Bristol'],
    postcode: 'BS1 5TR',
    incorporation_date: '2010-08-18',
  }),
  { company_status: 'dissolved', date_of_cessation: '2021-03-02' },
);

export const LIQUIDATION = seed(
  company({
    name: 'Harbour Trade Catering Ltd',
    number: '11223344',
    vat_number: '271828149',
    address_lines: ['Unit 4 Harbour Trade Centre', '88 Queen Street', 'Cardiff'],
    postcode: 'CF10 2GR',
    incorporation_date: '2018-03-12',
  }),
  { company_status: 'liquidation', has_insolvency_history: true },
);

export const STRIKE_OFF = seed(
  company({
    name: 'Quiet Meadow Joinery Ltd',
    number: '12039485',
    vat_number: '765432126',
    address_lines: ['27 Church Lane', 'York'],
    postcode: 'YO1 7HH',
    incorporation_date: '2019-06-04',
  }),
  { company_status: 'active', company_status_detail: 'active-proposal-to-strike-off' },
);

/** Renamed: its older documents still print the former name. */
export const RENAMED = seed(
  company({
    name: 'Northgate Software Limited',
    number: '10987654',
    vat_number: '987654353',
    address_lines: ['5 Albion Way', 'Manchester'],
    postcode: 'M1 3BE',
    incorporation_date: '2017-09-27',
  }),
  { previous_company_names: [{ name: 'NORTHGATE SOFTWARE LIMITED', effective_from: '2017-09-27', ceased_on: '2023-05-01' }] },
  { registeredName: 'BRAMBLE ANALYTICS LIMITED' },
);

/** A stub profile: almost nothing filled in, and an address without a locality. */
export const STUB = seed(
  company({
    name: 'Saxon Gate Print Ltd',
    number: 'SC612345',
    jurisdiction: 'scotland',
    vat_number: '555012373',
    address_lines: ['Unit 17B Enterprise House'],
    postcode: 'EH6 6QQ',
    incorporation_date: '2020-01-15',
  }),
  {},
  { vatRegistered: false },
);
STUB.profile = {
  company_number: 'SC612345',
  company_name: 'SAXON GATE PRINT LTD',
  company_status: 'active',
  registered_office_address: { address_line_1: 'Unit 17B Enterprise House', postal_code: 'EH6 6QQ' },
};

export const SEED_COMPANIES: SeedCompany[] = [ACTIVE, DISSOLVED, LIQUIDATION, STRIKE_OFF, RENAMED, STUB];

/** Well-formed VAT numbers (their check digits hold) that HMRC has never issued. */
export const UNKNOWN_VAT_NUMBER = '123456782';

/** A VAT number whose check digits do not hold. */
export const BAD_CHECKSUM_VAT_NUMBER = '123456789';

/** HMRC's sandbox example, which fails the checksum although the sandbox knows it. */
export const HMRC_SANDBOX_VAT = {
  name: 'Credite Sberger Donal Inc.',
  vatNumber: '553557881',
  address: { line1: '131B Barton Hamlet', postcode: 'SW97 5CK', countryCode: 'GB' },
};

export const FAKE_CH_API_KEY = 'fake-companies-house-key';
export const FAKE_HMRC_CLIENT = { id: 'fake-hmrc-client-id', secret: 'fake-hmrc-client-secret' };

/** The settings that point the app at running fakes of both registries, with their credentials. */
export function fakeRegistryEnv(companiesHouse: { url: string }, hmrc: { url: string }): Record<string, string> {
  return {
    COMPANIES_HOUSE_API_URL: companiesHouse.url,
    COMPANIES_HOUSE_API_KEY: FAKE_CH_API_KEY,
    HMRC_API_URL: hmrc.url,
    HMRC_CLIENT_ID: FAKE_HMRC_CLIENT.id,
    HMRC_CLIENT_SECRET: FAKE_HMRC_CLIENT.secret,
  };
}
/** A requester VRN the fake HMRC knows, for verified checks with a consultation number. */
export const REQUESTER_VRN = ACTIVE.company.vat_number;
