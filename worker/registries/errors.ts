export type RegistryName = 'companies_house' | 'hmrc';

/** Why a registry could not answer; a check that meets one of these ends `error`, never `pass`. */
export type RegistryErrorCode =
  | 'registry_timeout'
  | 'registry_unavailable'
  | 'registry_rate_limited'
  | 'registry_auth_failed'
  | 'registry_bad_request'
  | 'registry_bad_response';

export class RegistryError extends Error {
  constructor(
    readonly registry: RegistryName,
    readonly code: RegistryErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}
