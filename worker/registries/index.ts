import type { Config } from '../config';
import { CompaniesHouseClient } from './companies-house';
import { HmrcVatClient, isSandbox } from './hmrc-vat';
import type { HttpPolicy } from './http';
import type { CompaniesHouseLookup, CompaniesHouseRegistry, HmrcVatLookup } from './port';

export interface Registries {
  /** Absent when no API key is configured: its checks are then `not_applicable`. */
  companiesHouse?: CompaniesHouseLookup;
  hmrc?: HmrcVatLookup;
  /** HMRC_API_URL points at the sandbox, whose test numbers fail the checksum. */
  hmrcSandbox: boolean;
}

export type RegistrySettings = Pick<
  Config,
  | 'COMPANIES_HOUSE_API_KEY'
  | 'COMPANIES_HOUSE_API_URL'
  | 'COMPANIES_HOUSE_CACHE_SECONDS'
  | 'HMRC_CLIENT_ID'
  | 'HMRC_CLIENT_SECRET'
  | 'HMRC_API_URL'
  | 'HMRC_REQUESTER_VRN'
  | 'REGISTRY_TIMEOUT_MS'
  | 'REGISTRY_RETRIES'
  | 'REGISTRY_RETRY_DELAY_MS'
>;

/** The live clients: what monitoring asks, and what the pipeline's checks see as plain lookups. */
export interface LiveRegistries extends Registries {
  companiesHouse?: CompaniesHouseRegistry;
}

/** Built once per process, so the rate budget, the token and the cache are shared by every task. */
export function createRegistries(config: RegistrySettings): LiveRegistries {
  const http: HttpPolicy = {
    timeoutMs: config.REGISTRY_TIMEOUT_MS,
    retries: config.REGISTRY_RETRIES,
    initialDelayMs: config.REGISTRY_RETRY_DELAY_MS,
    maxDelayMs: Math.max(config.REGISTRY_RETRY_DELAY_MS, 5_000),
  };
  return {
    companiesHouse: config.COMPANIES_HOUSE_API_KEY
      ? new CompaniesHouseClient({
          baseUrl: config.COMPANIES_HOUSE_API_URL,
          apiKey: config.COMPANIES_HOUSE_API_KEY,
          cacheSeconds: config.COMPANIES_HOUSE_CACHE_SECONDS,
          http,
        })
      : undefined,
    hmrc:
      config.HMRC_CLIENT_ID && config.HMRC_CLIENT_SECRET
        ? new HmrcVatClient({
            baseUrl: config.HMRC_API_URL,
            clientId: config.HMRC_CLIENT_ID,
            clientSecret: config.HMRC_CLIENT_SECRET,
            requesterVrn: config.HMRC_REQUESTER_VRN,
            http,
          })
        : undefined,
    hmrcSandbox: isSandbox(config.HMRC_API_URL),
  };
}
