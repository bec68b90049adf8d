import { expect } from 'chai';
import sharp from 'sharp';
import type { Check } from '../../worker/domain';
import { nameEvidenceImages, pixelChecks, rejudgedForensicChecks } from '../../worker/forensics/pixels/checks';
import { regionsToPicture, saveEvidenceImages } from '../../worker/forensics/pixels/evidence-images';
import type { PixelFinding, PixelPage } from '../../worker/forensics/pixels/types';
import { decide, defaultPolicy, pixelForensicsThresholds } from '../../worker/verification/policy';

const png = () =>
  sharp({ create: { width: 20, height: 10, channels: 3, background: '#ffffff' } })
    .png()
    .toBuffer();

/** A measured A4 page at 300 dpi carrying `findings`. */
function pixelPage(number: number, findings: PixelFinding[]): PixelPage {
  return { number, crops: [], pixels: { width: 2480, height: 3508, words_measured: 120, grain: 3, grid_strength: 0, findings } };
}

/** Copy-move's finding of a pair: `box` a copy of `twin`. */
const copyMove = (box: PixelFinding['box'], twin: PixelFinding['box'], word: string, measure: string, value: number): PixelFinding => ({
  signal: 'copy_move',
  box,
  twin,
  word,
  measure,
  value,
});

function page(number: number, backgroundValue: number): PixelPage {
  return pixelPage(number, [
    { signal: 'background', box: [100, 200, 300, 240], word: '12345678', measure: 'grain_log_ratio', value: backgroundValue },
    { signal: 'text_consistency', box: [10, 20, 30, 40], word: '01/02/2024', measure: 'stroke', value: 1 },
  ]);
}

const anchors: Check[] = ['companies_house.exists', 'companies_house.status_active', 'companies_house.name_match'].map((id) => ({
  id,
  status: 'pass',
  reason_code: 'ok',
  message: 'ok',
  evidence: {},
}));

describe('forensics: pixel checks', () => {
  it('when a region is further from its page than the policy allows, then its check warns naming page, box, measure and threshold', () => {
    const checks = pixelChecks([page(1, 0.1), page(2, 2.5)], pixelForensicsThresholds);
    const background = checks.find((c) => c.id === 'forensics.pixel_background')!;
    expect(background.status).to.equal('warn');
    expect(background.evidence).to.include({ page: 2, word: '12345678', measure: 'grain_log_ratio', value: 2.5 });
    expect(background.evidence.box).to.deep.equal({ left: 100, top: 200, right: 300, bottom: 240 });
    expect(background.evidence.threshold).to.equal(pixelForensicsThresholds.background);
    expect(background.message).to.contain('page 2');
  });

  it('when the region check is raised by glyphs cut along one straight edge, then its message says so rather than speaking of paper', () => {
    const cut = pixelPage(1, [{ signal: 'region', box: [400, 500, 700, 560], word: '', measure: 'glyphs_cut_on_one_line', value: 2 }]);
    const region = pixelChecks([cut], pixelForensicsThresholds).find((c) => c.id === 'forensics.pixel_region')!;
    expect(region.status).to.equal('warn');
    expect(region.message).to.contain('straight edge').and.not.contain('paper unlike');
    expect(region.evidence).to.include({ measure: 'glyphs_cut_on_one_line', value: 2 });
  });

  it('when the region check is raised by a field leaning unlike its neighbours, then its message speaks of its slant, not of paper', () => {
    const leaning = pixelPage(1, [
      { signal: 'region', box: [400, 500, 700, 560], word: '06/11/2026', measure: 'print_leans_unlike_its_neighbours', value: 2.9 },
    ]);
    const region = pixelChecks([leaning], pixelForensicsThresholds).find((c) => c.id === 'forensics.pixel_region')!;
    expect(region.status).to.equal('warn');
    expect(region.message).to.contain('"06/11/2026"').and.contain('another slant').and.not.contain('paper unlike');
  });

  it('when a pixel check warns on a document the registries confirm, then the document goes to review rather than verified', () => {
    const warned = pixelChecks([page(1, 2.5)], pixelForensicsThresholds);
    const clean = pixelChecks([page(1, 0.01)], pixelForensicsThresholds);
    expect(decide([...anchors, ...clean], defaultPolicy, new Date()).decision).to.equal('verified');
    expect(decide([...anchors, ...warned], defaultPolicy, new Date()).decision).to.equal('review');
  });

  it('when two signals each short of their threshold fall on the same region, then the fused check warns naming it; apart, they do not', () => {
    const { background, region } = pixelForensicsThresholds;
    const withRegion = (box: [number, number, number, number]): PixelPage => {
      const p = page(1, background * 0.85);
      p.pixels!.findings.push({ signal: 'region', box, word: '', measure: 'window', value: region * 0.85 });
      return p;
    };
    const together = pixelChecks([withRegion([90, 190, 250, 250])], pixelForensicsThresholds);
    expect(together.filter((c) => c.status === 'warn').map((c) => c.id)).to.deep.equal(['forensics.pixel_fused']);
    const fused = together.find((c) => c.id === 'forensics.pixel_fused')!;
    expect(fused.evidence.box).to.deep.equal({ left: 100, top: 200, right: 300, bottom: 240 });
    expect(fused.evidence.value).to.be.closeTo(1.7, 0.01);
    const apart = pixelChecks([withRegion([1000, 1900, 1200, 2000])], pixelForensicsThresholds);
    expect(apart.filter((c) => c.status === 'warn')).to.deep.equal([]);
  });

  it("when the paper match and copy-move's shared grain fall on one word, then the fused check counts that paper once; a copy nearer than the grain allows still adds", () => {
    const { copy_move, region } = pixelForensicsThresholds;
    const onOneWord = (copyMeasure: string): PixelPage => {
      const p = page(1, 0);
      p.pixels!.findings.push(
        { signal: 'region', box: [995, 993, 1094, 1017], word: '2396.96', measure: 'paper_unlike_its_surroundings', value: region * 0.85 },
        copyMove([1009, 993, 1024, 1015], [1463, 761, 1478, 783], '2396.96', copyMeasure, copy_move * 0.85),
      );
      return p;
    };
    const fusedOf = (p: PixelPage) => pixelChecks([p], pixelForensicsThresholds).find((c) => c.id === 'forensics.pixel_fused')!;
    expect(fusedOf(onOneWord('alike_and_shared_grain')).status).to.equal('pass');
    const nearer = fusedOf(onOneWord('alike_and_below_grain'));
    expect(nearer.status).to.equal('warn');
    expect(nearer.evidence.value).to.be.closeTo(1.7, 0.01);
  });

  it("when the compression check's grid out of step and copy-move's shared grain fall on one short word, then the fused check counts them once; the grid beside the text check still adds", () => {
    const { compression, copy_move, text_consistency } = pixelForensicsThresholds;
    // A sound image-only PDF's "11": two prints of a 1 sharing the ringing round them, which also draws the word's grid.
    const word: [number, number, number, number] = [1085, 703, 1116, 733];
    const eleven = (copyMeasure: string): PixelPage =>
      pixelPage(1, [
        { signal: 'text_consistency', box: word, word: '11', measure: 'sharpness', value: text_consistency * 0.39 },
        { signal: 'compression', box: word, word: '11', measure: 'misaligned_grid_strength', value: compression * 0.36 },
        copyMove([1106, 701, 1118, 734], [1083, 701, 1094, 734], '11', copyMeasure, copy_move * 0.93),
      ]);
    const fusedOf = (p: PixelPage) => pixelChecks([p], pixelForensicsThresholds).find((c) => c.id === 'forensics.pixel_fused')!;
    const ringing = fusedOf(eleven('alike_and_shared_grain'));
    expect(ringing.status).to.equal('pass');
    expect(ringing.evidence.value).to.be.closeTo(0.39 + 0.93, 0.01);
    const nearer = fusedOf(eleven('alike_and_below_grain'));
    expect(nearer.status).to.equal('warn');
    expect(nearer.evidence.value).to.be.closeTo(0.39 + 0.36 + 0.93, 0.01);
    const gridAndText = fusedOf(pixelPage(1, eleven('alike_and_shared_grain').pixels!.findings.slice(0, 2)));
    expect(gridAndText.evidence.value).to.be.closeTo(0.39 + 0.36, 0.01);
  });

  it("when a field's paper and where its glyphs stand each read short of the region threshold, then the fused check adds them as two causes; two readings of where they stand count once", () => {
    const { region } = pixelForensicsThresholds;
    // A paste in the page's own face: its window's paper the page's worst, its print leaning off its row a runner-up.
    const field: [number, number, number, number] = [997, 703, 1190, 737];
    const pasted = (worst: string, runnerUp: string): PixelPage => {
      const p = pixelPage(1, [{ signal: 'region', box: field, word: '', measure: worst, value: region * 0.85 }]);
      p.pixels!.runners_up = [{ signal: 'region', box: field, word: 'NI1850638', measure: runnerUp, value: region * 0.85 }];
      return p;
    };
    const fusedOf = (p: PixelPage) => pixelChecks([p], pixelForensicsThresholds).find((c) => c.id === 'forensics.pixel_fused')!;
    const leaning = fusedOf(pasted('window_grain_and_flatness_against_page', 'print_leans_unlike_its_neighbours'));
    expect(leaning.status).to.equal('warn');
    expect(leaning.evidence.value).to.be.closeTo(1.7, 0.01);
    expect(leaning.evidence.box).to.deep.equal({ left: 997, top: 703, right: 1190, bottom: 737 });
    expect(fusedOf(pasted('glyphs_cut_on_one_line', 'print_leans_unlike_its_neighbours')).status).to.equal('pass');
  });

  it("when copy-move's pair is most alike by what one more save foretells, then the fused check counts it by copy-move's other measures", () => {
    const { copy_move, region } = pixelForensicsThresholds;
    // A sound image-only PDF's company number: its paper and a digit shared with a "7th" each short of their threshold.
    const p = pixelPage(1, [
      { signal: 'region', box: [666, 482, 787, 506], word: '04447534', measure: 'paper_unlike_its_surroundings', value: region * 0.6 },
      {
        signal: 'copy_move',
        box: [720, 879, 734, 902],
        twin: [772, 481, 788, 504],
        word: '7th',
        measure: 'alike_and_foretold_by_one_save',
        value: copy_move * 0.7,
        detail: {
          alike_and_foretold_by_one_save: copy_move * 0.7,
          alike_and_below_grain: copy_move * 0.4,
          grain_over_difference: copy_move * 0.2,
        },
      },
    ]);
    const checks = pixelChecks([p], pixelForensicsThresholds);
    const fused = checks.find((c) => c.id === 'forensics.pixel_fused')!;
    expect(fused.evidence.value).to.be.closeTo(1.0, 0.01);
    expect(checks.filter((c) => c.status === 'warn')).to.deep.equal([]);
    p.pixels!.findings[1]!.detail!.alike_and_below_grain = copy_move * 1.1;
    const nearer = pixelChecks([p], pixelForensicsThresholds).find((c) => c.id === 'forensics.pixel_fused')!;
    expect(nearer.status).to.equal('warn');
    expect(nearer.evidence.value).to.be.closeTo(1.7, 0.01);
  });

  it("when a field is second-worst on its page on two signals, each short of its threshold, then the fused check warns naming it from the page's runners-up, with a picture of its own", async () => {
    const { background, text_consistency } = pixelForensicsThresholds;
    // Each signal's page-worst stands alone on a field of its own; the forged field is each one's runner-up.
    const forged: [number, number, number, number] = [1200, 1500, 1400, 1540];
    const p = pixelPage(1, [
      { signal: 'text_consistency', box: [10, 20, 30, 40], word: '01/02/2024', measure: 'stroke', value: text_consistency * 0.9 },
      {
        signal: 'background',
        box: [100, 200, 300, 240],
        word: '12345678',
        measure: 'cleaner_and_flatter_than_ring',
        value: background * 0.9,
      },
    ]);
    const fusedOf = (x: PixelPage) => pixelChecks([x], pixelForensicsThresholds).find((c) => c.id === 'forensics.pixel_fused')!;
    expect(fusedOf(p).status).to.equal('pass');
    p.pixels!.runners_up = [
      { signal: 'text_consistency', box: forged, word: '4417.20', measure: 'edge', value: text_consistency * 0.85 },
      { signal: 'background', box: forged, word: '4417.20', measure: 'cleaner_and_flatter_than_ring', value: background * 0.85 },
    ];
    const fused = fusedOf(p);
    expect(fused.status).to.equal('warn');
    expect(fused.evidence).to.include({ word: '4417.20', value: 1.7 });
    expect(fused.evidence.box).to.deep.equal({ left: 1200, top: 1500, right: 1400, bottom: 1540 });
    // No signal's check pictures the field, so the fused check's picture is its own.
    expect(fused.evidence).not.to.have.property('signal');
    expect(regionsToPicture(p.pixels!, pixelForensicsThresholds)).to.deep.equal([{ of: 'fused', box: forged }]);
    const picture = await png();
    p.crops = [{ signal: 'fused', png: picture }];
    const saved = new Map<string, Buffer>();
    const checks = pixelChecks([p], pixelForensicsThresholds);
    nameEvidenceImages(checks, await saveEvidenceImages(checks, [p], async (name, body) => void saved.set(name, body)));
    expect([...saved]).to.deep.equal([['page-1-fused.png', picture]]);
    expect(checks.find((c) => c.id === 'forensics.pixel_fused')!.evidence.evidence_image).to.equal('page-1-fused.png');
    const alone = pixelChecks([pixelPage(1, p.pixels!.findings)], pixelForensicsThresholds);
    const kept = pixelChecks([p], pixelForensicsThresholds);
    expect(kept.filter((c) => c.id !== 'forensics.pixel_fused')).to.deep.equal(alone.filter((c) => c.id !== 'forensics.pixel_fused'));
  });

  it("when a field's other signals each read under 0.3 of their threshold, then they add nothing to the fused check however many agree; one standing out still adds", () => {
    const { background, compression, copy_move, region, text_consistency } = pixelForensicsThresholds;
    // A sound photo's date: its text check's ink stands out, every other measure reads what any field of the page reads.
    const field: [number, number, number, number] = [1200, 1500, 1290, 1540];
    const onField = (signal: PixelFinding['signal'], measure: string, value: number): PixelFinding => ({
      signal,
      box: field,
      word: '2006',
      measure,
      value,
    });
    const p = pixelPage(1, [onField('text_consistency', 'ink', text_consistency * 0.8)]);
    p.pixels!.runners_up = [
      onField('compression', 'double_quantisation', compression * 0.28),
      onField('copy_move', 'alike_and_below_grain', copy_move * 0.28),
      onField('region', 'paper_unlike_its_surroundings', region * 0.28),
      onField('background', 'cleaner_and_flatter_than_ring', background * 0.28),
    ];
    const fusedOf = (x: PixelPage) => pixelChecks([x], pixelForensicsThresholds).find((c) => c.id === 'forensics.pixel_fused')!;
    expect(fusedOf(p)).to.include({ status: 'pass', reason_code: 'pixel_signals_apart' });
    p.pixels!.runners_up[2]!.value = region * 0.85;
    const standing = fusedOf(p);
    expect(standing.status).to.equal('warn');
    expect(standing.evidence).to.include({ word: '2006', value: 1.65 });
  });

  it('when no page was read as an image, then the pixel checks did not run and say so', () => {
    const checks = pixelChecks([], pixelForensicsThresholds);
    expect(checks).to.have.length(6);
    for (const c of checks) expect(c.status, c.id).to.equal('not_applicable');
    const compression = pixelChecks([page(1, 0.1)], pixelForensicsThresholds).find((c) => c.id === 'forensics.pixel_compression')!;
    expect(compression.reason_code).to.equal('not_measurable');
  });

  it('when a check warns, then the picture of its region is saved and its name given in the evidence', async () => {
    const flagged = page(1, 2.5);
    const picture = await png();
    flagged.crops = [{ signal: 'background', png: picture }];
    const checks = pixelChecks([flagged], pixelForensicsThresholds);
    const saved = new Map<string, Buffer>();
    const images = await saveEvidenceImages(checks, [flagged], async (name, body) => {
      saved.set(name, body);
    });
    nameEvidenceImages(checks, images);
    expect([...saved.keys()]).to.deep.equal(['page-1-background.png']);
    expect(saved.get('page-1-background.png')).to.equal(picture);
    expect(checks.find((c) => c.id === 'forensics.pixel_background')!.evidence.evidence_image).to.equal('page-1-background.png');
    expect(checks.find((c) => c.id === 'forensics.pixel_text')!.evidence.evidence_image).to.equal(undefined);
  });

  it("when a page's regions are judged, then only the raised checks' regions are pictured: a signal over its threshold, and the lead of signals fused over theirs", () => {
    expect(regionsToPicture(page(1, 0.2).pixels!, pixelForensicsThresholds)).to.deep.equal([]);
    expect(regionsToPicture(page(1, 2.5).pixels!, pixelForensicsThresholds)).to.deep.equal([
      { of: 'background', box: [100, 200, 300, 240] },
    ]);
    const { copy_move, region } = pixelForensicsThresholds;
    const fused = page(1, 0);
    fused.pixels!.findings.push(
      { signal: 'region', box: [995, 993, 1094, 1017], word: '2396.96', measure: 'paper_unlike_its_surroundings', value: region * 0.85 },
      { signal: 'copy_move', box: [1009, 993, 1024, 1015], word: '2396.96', measure: 'alike_and_below_grain', value: copy_move * 0.85 },
    );
    const lead = pixelChecks([fused], pixelForensicsThresholds).find((c) => c.id === 'forensics.pixel_fused')!;
    expect(lead.status).to.equal('warn');
    expect(regionsToPicture(fused.pixels!, pixelForensicsThresholds).map((r) => r.of)).to.deep.equal([lead.evidence.signal]);
  });

  it('when the kept measures are judged again, then the same thresholds give the same checks and a stricter policy warns', () => {
    const pages = [page(1, 0.2)];
    const recorded = pixelChecks(pages, pixelForensicsThresholds);
    const evidence = { checks: recorded, pixel_pages: pages.map((p) => ({ number: p.number, pixels: p.pixels })) };
    expect(rejudgedForensicChecks(evidence, pixelForensicsThresholds)).to.deep.equal(recorded);
    const stricter = rejudgedForensicChecks(evidence, { ...pixelForensicsThresholds, background: 0.1 });
    expect(stricter.find((c) => c.id === 'forensics.pixel_background')!.status).to.equal('warn');
    expect(rejudgedForensicChecks({ checks: recorded }, { ...pixelForensicsThresholds, background: 0.1 })).to.equal(recorded);
  });

  it('when a page was kept before runners-up were, then it is judged again as it was recorded', () => {
    const { background, region } = pixelForensicsThresholds;
    const p = page(1, background * 0.85);
    p.pixels!.findings.push({ signal: 'region', box: [90, 190, 250, 250], word: '', measure: 'window', value: region * 0.85 });
    const recorded = pixelChecks([p], pixelForensicsThresholds);
    const evidence = { checks: recorded, pixel_pages: [{ number: 1, pixels: p.pixels }] };
    expect(p.pixels).not.to.have.property('runners_up');
    expect(rejudgedForensicChecks(evidence, pixelForensicsThresholds)).to.deep.equal(recorded);
    expect(recorded.find((c) => c.id === 'forensics.pixel_fused')!.evidence).to.include({ signal: 'background', value: 1.7 });
  });
});
