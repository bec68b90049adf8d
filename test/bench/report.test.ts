import { expect } from 'chai';
import { paddedPdf } from '../../bench/documents';
import { formatTable, median, percentile, row } from '../../bench/report';
import { ocrFigures, parseOcrBench } from '../../bench/sections/ocr';

describe('bench report', () => {
  describe('percentiles', () => {
    it('when asked for p95 of twenty samples, then it answers the nineteenth smallest, a value that was observed', () => {
      const values = Array.from({ length: 20 }, (_, i) => 20 - i);
      expect(percentile(values, 95)).to.equal(19);
      expect(percentile(values, 100)).to.equal(20);
      expect(percentile([7], 50)).to.equal(7);
    });

    it('when the sample count is even, then the median is the mean of the middle two', () => {
      expect(median([4, 1, 3, 2])).to.equal(2.5);
      expect(median([5, 1, 3])).to.equal(3);
    });

    it('when there are no samples, then asking for a percentile throws rather than inventing one', () => {
      expect(() => percentile([], 50)).to.throw(RangeError);
      expect(() => median([])).to.throw(RangeError);
    });
  });

  describe('rows', () => {
    it('when a figure reaches its ratio aim, then the row is met and the reason for missing is left out', () => {
      const r = row({
        section: 'api',
        figure: 'rps',
        measured: { value: 600, unit: 'req/s' },
        baseline: { name: 'bare', value: 1000, unit: 'req/s' },
        aim: { kind: 'ratio_at_least', min: 0.5, text: '>= 50%' },
        note: 'setup',
        ifMissed: 'why',
      });
      expect(r.ratio).to.equal(0.6);
      expect(r.met).to.equal(true);
      expect(r.note).to.equal('setup');
    });

    it('when a figure misses its aim, then the row says so and carries why', () => {
      const r = row({
        section: 'e2e',
        figure: 'text median',
        measured: { value: 300, unit: 'ms' },
        baseline: { name: 'scan', value: 2000, unit: 'ms' },
        aim: { kind: 'ratio_at_most', max: 0.1, text: '<= 10%' },
        ifMissed: 'fixed costs dominate',
      });
      expect(r.met).to.equal(false);
      expect(r.note).to.equal('fixed costs dominate');
    });

    it('when the baseline could not be measured, then there is no ratio and no verdict', () => {
      const r = row({
        section: 'ocr',
        figure: 'per page',
        measured: { value: 900, unit: 'ms' },
        baseline: { name: 'tesseract CLI: not installed', value: null, unit: 'ms' },
        aim: { kind: 'ratio_at_most', max: 1.2, text: '<= 1.2x' },
      });
      expect(r.ratio).to.equal(null);
      expect(r.met).to.equal(null);
    });

    it('when an absolute aim is set, then it is judged on the value alone', () => {
      const r = row({
        section: 'memory',
        figure: 'rss',
        measured: { value: 600, unit: 'MiB' },
        aim: { kind: 'value_at_most', max: 512, text: '<= 512' },
      });
      expect(r.met).to.equal(false);
    });
  });

  describe('table', () => {
    it('when rows are printed, then each shows value, baseline, ratio and verdict, with notes numbered below', () => {
      const text = formatTable([
        row({
          section: 'api',
          figure: 'API requests/s',
          measured: { value: 2500, unit: 'req/s' },
          baseline: { name: 'bare Express', value: 5000, unit: 'req/s' },
          aim: { kind: 'ratio_at_least', min: 0.5, text: '>= 50% of bare' },
          note: 'ten connections',
        }),
        row({ section: 'ocr', figure: 'OCR per page', measured: { value: null, unit: '' }, note: 'not measured: no CLI' }),
      ]);
      const lines = text.split('\n');
      expect(lines[0]).to.match(/^#\s+Figure\s+Value\s+Baseline\s+Ratio\s+Aim\s+Met$/);
      expect(lines[2]).to.contain('2,500 req/s').and.contain('5,000 req/s (bare Express)').and.contain('50.0%').and.contain('yes');
      expect(lines[3]).to.contain('n/a');
      expect(text).to.contain('[1] ten connections').and.contain('[2] not measured: no CLI');
    });
  });

  describe('OCR report', () => {
    const report = [
      '',
      'OCR bench (6 scanned A4 pages at 200 dpi, 2 CPUs)',
      '  text layer, per page                             1.4 ms',
      '  OCR path, per page (clean + OCR, 1 worker)       1403 ms (clean 212 + OCR 1191)',
      '  OCR pages/s, 1 worker                            0.84',
      '  OCR pages/s, 2 workers                           1.52',
      '  tesseract CLI (OMP_THREAD_LIMIT=1), per page     987 ms',
    ].join('\n');

    it('when bench/ocr.ts reports its figures, then the OCR-only time, CLI time and both throughputs are read', () => {
      expect(ocrFigures(parseOcrBench(report))).to.deep.equal({
        ocrMs: 1191,
        cliMs: 987,
        cliMissing: null,
        onePagesPerSecond: 0.84,
        manyPagesPerSecond: 1.52,
        workers: 2,
      });
    });

    it("when the CLI ran with our model and with Debian's, then the like-for-like time is the baseline and both CPU times are kept", () => {
      const both = [
        ...report.split('\n').slice(0, 4),
        '  OCR only, 1 worker, per page                                    1191 ms (CPU 1100 ms)',
        ...report.split('\n').slice(4, 6),
        '  tesseract CLI, our model (OMP_THREAD_LIMIT=1), per page         950 ms (CPU 900 ms)',
        "  tesseract CLI, Debian's model (tesseract-ocr-eng 1:4.1.0-2), per page  700 ms (CPU 650 ms)",
      ].join('\n');
      expect(ocrFigures(parseOcrBench(both))).to.deep.include({
        ocrMs: 1191,
        cliMs: 950,
        ocrCpuMs: 1100,
        cliCpuMs: 900,
        debianModel: { name: 'tesseract-ocr-eng 1:4.1.0-2', ms: 700, cpuMs: 650 },
      });
    });

    it('when the OCR stage and the CLI on the scan as it is were timed, then both are kept apart from the like-for-like pair', () => {
      const withScan = [
        ...report.split('\n'),
        '  OCR stage (clean + OCR), 1 worker, per page                     1400 ms (CPU 1300 ms)',
        '  scan as it is, CLI defaults, our model (OMP_THREAD_LIMIT=1), per page  1000 ms (CPU 950 ms)',
      ].join('\n');
      const figures = ocrFigures(parseOcrBench(withScan));
      expect(figures.cliMs).to.equal(987);
      expect(figures.asScanned).to.deep.equal({ stage: { ms: 1400, cpuMs: 1300 }, cli: { ms: 1000, cpuMs: 950 } });
    });

    it('when the CLI could not be installed, then its time is missing and the reason is kept', () => {
      const figures = ocrFigures(
        parseOcrBench(
          report.replace(/  tesseract CLI.*$/m, '  tesseract CLI                                    not installed; comparison skipped'),
        ),
      );
      expect(figures.cliMs).to.equal(null);
      expect(figures.cliMissing).to.equal('not installed; comparison skipped');
    });
  });

  describe('upload payloads', () => {
    it('when a PDF is padded to a size, then it is exactly that size and still starts as the PDF did', async () => {
      const base = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF');
      const padded = paddedPdf(base, 100 * 1024);
      expect(padded.length).to.equal(100 * 1024);
      expect(padded.subarray(0, base.length).equals(base)).to.equal(true);
      expect(() => paddedPdf(base, 4)).to.throw(RangeError);
    });
  });
});
