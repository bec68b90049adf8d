import { generateDocument } from './fixtures';
import { loadPdfJs } from './worker/pdf/document';
async function main() {
  const doc = await generateDocument({ type: 'bank_statement', rendering: 'zero_page_pdf', seed: 3 });
  console.log(doc.bytes.toString('latin1'));
  const pdfjs = await loadPdfJs();
  const pdf = await pdfjs.getDocument({ data: new Uint8Array(doc.bytes), verbosity: 5 }).promise;
  console.log(pdf.numPages);
  try { const p = await pdf.getPage(1); console.log(p.ref, p.view); } catch (e) { console.log('getPage err', e); }
}
main();
