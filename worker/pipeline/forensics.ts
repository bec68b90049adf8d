import {
  defaultForensicsOptions,
  duplicateCheck,
  imageSoftwareCheck,
  pdfChecks,
  qualityCheck,
  typeExtensionCheck,
  type EarlierUpload,
  type ForensicsOptions,
} from '../forensics/checks';
import { nameEvidenceImages, pixelChecks, type PixelThresholds } from '../forensics/pixels/checks';
import { saveEvidenceImages, type SaveEvidenceImage } from '../forensics/pixels/evidence-images';
import { pixelForensicsThresholds } from '../verification/policy';
import { readFileFacts, type FileFacts } from './file-facts';
import type { Stage } from './types';

export interface ForensicsStageDeps {
  maxPages: number;
  options?: ForensicsOptions;
  /** The policy's pixel thresholds (`pixelForensicsThresholds` when the policy has none). */
  pixelThresholds?: PixelThresholds;
  /** Keeps the picture of a flagged region beside the document (through the DocumentStore). */
  saveEvidenceImage?: SaveEvidenceImage;
  /** Earlier uploads of the same tenant with the same bytes (DocumentRepository.findSameContent). */
  earlierUploads(tenantId: string, sha256: string, exceptId: string): Promise<EarlierUpload[]>;
  /** Parses the file for its facts; a processing thread when given, here otherwise. */
  readFacts?: (bytes: Buffer, mime: string, signal?: AbortSignal) => Promise<FileFacts>;
}

/** Signs of editing and reuse, read from the file itself and from earlier uploads. */
export function forensicsStage(deps: ForensicsStageDeps): Stage {
  const options = deps.options ?? defaultForensicsOptions;
  const readFacts = deps.readFacts ?? ((bytes: Buffer, mime: string) => readFileFacts(bytes, mime, deps.maxPages));
  return {
    name: 'forensics',
    weight: 2,
    async run({ bytes, state, document, claims, progress, signal }) {
      const mime = state.file?.mime ?? document.content_type;
      const isImage = mime.startsWith('image/');
      if ((mime === 'application/pdf' && !state.pdf) || (isImage && !state.image_meta)) {
        const facts = await readFacts(bytes, mime, signal);
        state.pdf ??= facts.pdf;
        state.image_meta ??= facts.image_meta;
      }
      await progress(0.5);
      const earlier = await deps.earlierUploads(document.tenant_id, document.sha256, document.id);
      const checks = [
        typeExtensionCheck(document.filename, state.file),
        ...pdfChecks(state.pdf, options),
        imageSoftwareCheck(isImage, state.image_meta),
        qualityCheck(state.pages, options),
        duplicateCheck(claims, state.fields.company_number?.value, earlier, document.sha256),
      ];
      const pixelPages = state.pixel_pages ?? [];
      const pixels = pixelChecks(pixelPages, deps.pixelThresholds ?? pixelForensicsThresholds);
      const save = deps.saveEvidenceImage;
      const images = save ? await saveEvidenceImages(pixels, pixelPages, (name, png) => save(document, name, png)) : {};
      nameEvidenceImages(pixels, images);
      checks.push(...pixels);
      state.checks.push(...checks);
      state.evidence.push({
        kind: 'forensics',
        payload: {
          checks,
          pdf: state.pdf ?? null,
          image_meta: state.image_meta ?? null,
          pixel_pages: pixelPages.map((p) => ({ number: p.number, pixels: p.pixels })),
          pixel_images: images,
        },
      });
    },
  };
}
