/**
 * Software that edits a finished document or image rather than producing it from a system of
 * record. A bank or Companies House does not issue statements from Photoshop; a fraudster often does.
 */
export const EDITING_TOOLS: { pattern: RegExp; name: string }[] = [
  { pattern: /photoshop/i, name: 'Adobe Photoshop' },
  { pattern: /illustrator/i, name: 'Adobe Illustrator' },
  { pattern: /lightroom/i, name: 'Adobe Lightroom' },
  { pattern: /acrobat\s+(pro|standard)/i, name: 'Adobe Acrobat Pro/Standard' },
  { pattern: /\bgimp\b/i, name: 'GIMP' },
  { pattern: /inkscape/i, name: 'Inkscape' },
  { pattern: /pdfelement|wondershare/i, name: 'Wondershare PDFelement' },
  { pattern: /foxit\s+(phantom|pdf\s*editor)/i, name: 'Foxit PDF Editor' },
  { pattern: /nitro\s*pro|nitro\s*pdf/i, name: 'Nitro PDF' },
  { pattern: /sejda/i, name: 'Sejda' },
  { pattern: /smallpdf/i, name: 'Smallpdf' },
  { pattern: /ilovepdf/i, name: 'iLovePDF' },
  { pattern: /pdf-xchange\s+editor/i, name: 'PDF-XChange Editor' },
  { pattern: /pdfescape/i, name: 'PDFescape' },
  { pattern: /pdffiller/i, name: 'pdfFiller' },
  { pattern: /dochub/i, name: 'DocHub' },
  { pattern: /canva/i, name: 'Canva' },
  { pattern: /paint\.net/i, name: 'Paint.NET' },
  { pattern: /pixelmator/i, name: 'Pixelmator' },
  { pattern: /affinity\s+(photo|designer|publisher)/i, name: 'Affinity' },
  { pattern: /snapseed|picsart|facetune/i, name: 'mobile photo editor' },
];

/** The editing tool a producer/creator/software string names, if any. */
export function editingTool(software: string | undefined): string | undefined {
  if (!software) return undefined;
  return EDITING_TOOLS.find((t) => t.pattern.test(software))?.name;
}
