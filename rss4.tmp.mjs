import fs from 'node:fs/promises';
const mb = () => Math.round(process.memoryUsage().rss / 1e6);
console.log('base', mb());
const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
console.log('import', mb());
const bytes = await fs.readFile('/tmp/exp/scan20.pdf');
const pdf = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0 }).promise;
console.log('open', mb(), pdf.numPages);
