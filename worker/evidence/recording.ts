import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { canonicalCompanyNumber } from '../registries/companies-house';
import type { CompaniesHouseLookup, HmrcVatLookup } from '../registries/port';
import { RegistryError } from '../registries/errors';
import type { EvidenceDraft, RegistryFailure } from './types';

function failureOf(registry: RegistryFailure['registry'], error: unknown): RegistryFailure {
  if (error instanceof RegistryError)
    return { registry: error.registry, code: error.code, message: error.message, status: error.status ?? null };
  return { registry, code: 'check_failed', message: (error as Error)?.message ?? String(error), status: null };
}

/** Passes lookups through and notes every answer, including failures, as evidence. */
export function recordingCompaniesHouse(client: CompaniesHouseLookup, sink: EvidenceDraft[], now: () => Date): CompaniesHouseLookup {
  return {
    async profile(number) {
      const company_number = canonicalCompanyNumber(number);
      const asked = now().toISOString();
      try {
        const lookup = await client.profile(number);
        sink.push({
          kind: 'companies_house.profile',
          payload: lookup.found
            ? {
                company_number,
                outcome: 'found',
                fetched_at: lookup.fetched_at ?? asked,
                etag: lookup.etag ?? null,
                profile: lookup.profile,
                raw: lookup.raw,
              }
            : { company_number, outcome: 'not_found', fetched_at: asked, etag: null },
        });
        return lookup;
      } catch (error) {
        sink.push({
          kind: 'companies_house.profile',
          payload: { company_number, outcome: 'error', fetched_at: asked, etag: null, error: failureOf('companies_house', error) },
        });
        throw error;
      }
    },
  };
}

export function recordingHmrc(client: HmrcVatLookup, sink: EvidenceDraft[], now: () => Date): HmrcVatLookup {
  return {
    async lookup(vrn) {
      const asked = now().toISOString();
      try {
        const lookup = await client.lookup(vrn);
        sink.push({
          kind: 'hmrc.vat_lookup',
          payload: lookup.found
            ? {
                vrn,
                outcome: 'found',
                fetched_at: lookup.fetched_at ?? asked,
                processing_date: lookup.registration.processingDate ?? null,
                consultation_number: lookup.registration.consultationNumber ?? null,
                registration: lookup.registration,
                raw: lookup.raw,
              }
            : { vrn, outcome: 'not_found', fetched_at: asked, processing_date: lookup.processingDate ?? null, consultation_number: null },
        });
        return lookup;
      } catch (error) {
        sink.push({
          kind: 'hmrc.vat_lookup',
          payload: {
            vrn,
            outcome: 'error',
            fetched_at: asked,
            processing_date: null,
            consultation_number: null,
            error: failureOf('hmrc', error),
          },
        });
        throw error;
      }
    },
  };
}

const requirePackage = createRequire(__filename);

/** A package's version from its package.json, found above its entry point (many packages do not export the file). */
function versionOf(pkg: string): string {
  try {
    let dir = path.dirname(requirePackage.resolve(pkg));
    while (dir !== path.dirname(dir)) {
      const file = path.join(dir, 'package.json');
      if (fs.existsSync(file)) {
        const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
        if (json.name === pkg) return json.version ?? 'unknown';
      }
      dir = path.dirname(dir);
    }
  } catch {
    // Bundled without its node_modules: the version is then unknown, and said so.
  }
  return 'unknown';
}

/** The reading engines in this build, so a verdict says which software read the document. */
export const ENGINE_VERSIONS: Record<string, string> = {
  pdf_text: `pdfjs-dist@${versionOf('pdfjs-dist')}`,
  ocr: `tesseract.js@${versionOf('tesseract.js')}`,
  ocr_language: 'eng@4.0.0_best_int',
  image: `sharp@${versionOf('sharp')}`,
};
