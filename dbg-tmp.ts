import { analysePage } from './worker/forensics/pixels/analyse';
import { asPng, pasteJpegPatch, retype, soundPage, wordOf } from './test/forensics/synthetic-page';
(async () => {
  for (const kind of ['sound', 'retype5', 'retype6', 'jpeg30', 'jpeg15']) {
    const page = await soundPage();
    const word = wordOf(page, 9, 1);
    if (kind.startsWith('retype')) retype(page, word, Number(kind.slice(6)));
    if (kind.startsWith('jpeg')) await pasteJpegPatch(page, [word.box[0] - 11, word.box[1] - 13, word.box[2] + 13, word.box[3] + 11], Number(kind.slice(4)));
    const { pixels } = await analysePage(await asPng(page), page.words, { degrees: 0, width: page.width }, 1e7);
    console.log(kind, pixels.findings.map((f) => `${f.signal}=${f.value}@${f.box.join(',')}`).join(' '));
  }
})();
