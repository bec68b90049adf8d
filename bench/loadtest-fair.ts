import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { RunningServer } from '../service/server';

/**
 * The fairness run of `make loadtest`: a quiet tenant's upload-to-decision time, one document at a
 * time, first alone and then while another tenant's flood fills the queue. Fair queues keep the
 * quiet tenant's p95 within twice its p95 alone.
 */

const SAMPLES = Number(process.env.LOADTEST_FAIR_SAMPLES ?? 20);
const FLOOD = Number(process.env.LOADTEST_FLOOD ?? 150);
/** The quiet tenant's p95 behind the flood may be at most this many times its p95 alone. */
export const FAIRNESS_BOUND = 2;

export interface FairnessReport {
  samples: number;
  flood: number;
  aloneP95Ms: number;
  behindFloodP95Ms: number;
  /** Flood documents still unfinished when the last quiet sample ended: the flood really was in the way. */
  floodBacklogAtEnd: number;
  passed: boolean;
}

const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil(0.95 * values.length) - 1)] ?? NaN;

async function pdf(label: string): Promise<Blob> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  ['FAIRNESS TEST LETTER', `Acme Widgets Limited, ${label}`, 'Company number 09446231'].forEach((line, n) =>
    page.drawText(line, { x: 50, y: 780 - n * 18, size: 11, font }),
  );
  return new Blob([Buffer.from(await doc.save())], { type: 'application/pdf' });
}

async function upload(server: RunningServer, key: string, label: string): Promise<string> {
  const form = new FormData();
  form.set('file', await pdf(label), `${label}.pdf`);
  const res = await fetch(`${server.url}/api/v1/documents/upload`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}` },
    body: form,
  });
  if (res.status !== 202) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { document_id: string }).document_id;
}

async function status(server: RunningServer, key: string, id: string): Promise<string> {
  const res = await fetch(`${server.url}/api/v1/documents/${id}`, { headers: { authorization: `Bearer ${key}` } });
  return ((await res.json()) as { status: string }).status;
}

/** Upload-to-decision time of one document, polled every 50 ms. */
async function timeToDecision(server: RunningServer, key: string, label: string): Promise<number> {
  const started = performance.now();
  const id = await upload(server, key, label);
  while (!['completed', 'failed'].includes(await status(server, key, id))) await new Promise((r) => setTimeout(r, 50));
  return performance.now() - started;
}

async function quietRun(server: RunningServer, key: string, label: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i++) times.push(await timeToDecision(server, key, `${label}-${i}`));
  return times;
}

export async function fairnessRun(server: RunningServer): Promise<FairnessReport> {
  const quiet = (await server.runtime.repos.apiKeys.create('loadtest-quiet')).key;
  const flooder = (await server.runtime.repos.apiKeys.create('loadtest-flood')).key;
  const alone = await quietRun(server, quiet, 'alone');
  const flood: string[] = [];
  for (let i = 0; i < FLOOD; i += 10) {
    flood.push(
      ...(await Promise.all(Array.from({ length: Math.min(10, FLOOD - i) }, (_, j) => upload(server, flooder, `flood-${i + j}`)))),
    );
  }
  const behind = await quietRun(server, quiet, 'behind-flood');
  const unfinished = (await Promise.all(flood.map((id) => status(server, flooder, id)))).filter((s) => s !== 'completed' && s !== 'failed');
  const report = {
    samples: SAMPLES,
    flood: FLOOD,
    aloneP95Ms: p95(alone),
    behindFloodP95Ms: p95(behind),
    floodBacklogAtEnd: unfinished.length,
  };
  return { ...report, passed: report.behindFloodP95Ms <= FAIRNESS_BOUND * report.aloneP95Ms };
}

export function describeFairness(r: FairnessReport): string {
  return (
    `fairness: quiet tenant p95 upload-to-decision ${r.aloneP95Ms.toFixed(0)} ms alone, ${r.behindFloodP95Ms.toFixed(0)} ms behind a ` +
    `${r.flood}-document flood from another tenant (${(r.behindFloodP95Ms / r.aloneP95Ms).toFixed(2)}x, bound ${FAIRNESS_BOUND}x; ` +
    `${r.floodBacklogAtEnd} flood documents still queued at the end)`
  );
}
