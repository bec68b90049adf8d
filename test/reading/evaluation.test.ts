import { expect } from 'chai';
import { ACTIVE } from '../fakes/registry-data';
import type { GeneratedDocument } from '../../fixtures';
import type { ExtractedField } from '../../worker/domain';
import { emptyState } from '../../worker/pipeline/types';
import { field } from '../verification/context';
import { formatTables, tabulate, type Reading } from './evaluation';

/** A VAT certificate read by hand: what it prints, and what the pipeline said with which confidence. */
function reading(fields: Record<string, ExtractedField>, heldOut = false): Reading {
  const doc = {
    filename: 'vat.jpg',
    company: ACTIVE.company,
    truth: {
      document_type: 'vat_registration_certificate',
      fields: { company_name: 'Kestrel Valley Logistics Ltd', vat_number: '234567847', postcode: 'LS1 4DY' },
    },
  } as unknown as GeneratedDocument;
  const state = { ...emptyState(), document_type: 'vat_registration_certificate' as const, fields };
  return { doc, state, heldOut, rendering: 'scan_image' };
}

describe('reading: the reliability table of make accuracy', () => {
  const readings = [
    reading({
      company_name: field('Kestrel Valley Logistics Ltd', { confidence: 0.98 }),
      vat_number: field('234567847', { confidence: 0.95 }),
      postcode: field('LS1 4DX', { confidence: 0.93 }),
      // Read out of the VAT number: the certificate prints no company number.
      company_number: field('02345678', { confidence: 0.97 }),
    }),
    reading({ company_name: field('Kestrel Valley Logistics Ltd', { confidence: 0.6 }), postcode: field('LS1 4DY', { confidence: 0.75 }) }),
  ];

  it('when fields are given confidence of 0.9 or more, then the band counts how many of them were right, a field the document does not print as wrong', () => {
    const t = tabulate(readings);
    expect(t.reliability['>= 0.90']).to.deep.include({ right: 2, total: 4 });
    expect(t.reliability['>= 0.90']!.misses.join('\n')).to.include('company_number: printed nowhere').and.include('postcode');
    expect(t.reliability['0.50-0.69']).to.deep.include({ right: 1, total: 1 });
    expect(t.reliability['0.70-0.89']).to.deep.include({ right: 1, total: 1 });
  });

  it('when the tables are printed, then each confidence band shows the share right on tuned and held-out layouts', () => {
    const text = formatTables(tabulate(readings), tabulate([reading({ vat_number: field('234567847', { confidence: 0.99 }) }, true)]));
    const band = text.split('\n').find((l) => l.trim().startsWith('>= 0.90'));
    expect(band).to.match(/>= 0\.90\s+50\.0% \(2\/4\)\s+100\.0% \(1\/1\)/);
  });
});
