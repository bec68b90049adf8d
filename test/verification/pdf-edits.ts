/**
 * Appends a real incremental update to a PDF (a new Info dictionary, an xref section and a
 * trailer with /Prev), as an editor's "save" does, stamping the producer it names.
 */
export function incrementalUpdate(bytes: Buffer, producer: string): Buffer {
  const text = bytes.toString('latin1');
  const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)![1]);
  const size = Math.max(...[...text.matchAll(/\/Size (\d+)/g)].map((m) => Number(m[1])));
  const root = /\/Root (\d+ \d+ R)/.exec(text)![1];
  const objOffset = bytes.length + 1;
  const obj = `\n${size} 0 obj\n<< /Producer (${producer}) /ModDate (D:20250620120000Z) /CreationDate (D:20250501100000Z) >>\nendobj\n`;
  const xrefOffset = bytes.length + obj.length;
  const tail = `xref\n0 1\n0000000000 65535 f \n${size} 1\n${String(objOffset).padStart(10, '0')} 00000 n \ntrailer\n<< /Size ${size + 1} /Root ${root} /Info ${size} 0 R /Prev ${prev} >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.concat([bytes, Buffer.from(obj + tail, 'latin1')]);
}
