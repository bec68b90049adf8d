import { expect } from 'chai';
import { borrow, giveBack } from '../../worker/images/spares';

describe('images: spare page arrays', () => {
  it('when a page-sized array is handed back, then the next page of that size or smaller gets it again', () => {
    const first = borrow(3_000_000);
    giveBack(first);
    const second = borrow(2_500_000);
    expect(second.buffer).to.equal(first.buffer);
    expect(second.length).to.equal(2_500_000);
    giveBack(second);
  });

  it('when a larger page comes than any array handed back, then it gets a new array of its own size', () => {
    const small = borrow(1_000);
    giveBack(small);
    const large = borrow(12_000_000);
    expect(large.buffer).not.to.equal(small.buffer);
    expect(large.buffer.byteLength).to.equal(12_000_000);
  });

  it('when a huge page is handed back, then it is not kept for the next page', () => {
    const huge = borrow(40_000_000);
    giveBack(huge);
    expect(borrow(40_000_000).buffer).not.to.equal(huge.buffer);
  });

  it('when an array is lent, then it is not lent again until handed back', () => {
    const lent = borrow(5_000);
    expect(borrow(5_000).buffer).not.to.equal(lent.buffer);
  });
});
