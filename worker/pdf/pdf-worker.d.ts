/** pdf.js's worker half, which pdfjs-dist ships without types: all `loadPdfJs` hands back to pdf.js of it. */
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
