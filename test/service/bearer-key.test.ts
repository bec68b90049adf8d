import { expect } from 'chai';
import type { Request } from 'express';
import { bearerKey } from '../../service/http/auth';
import { hashKey } from '../../worker';

const requestWith = (authorization?: string) => ({ headers: authorization === undefined ? {} : { authorization } }) as Request;

describe('bearer key of a request', () => {
  it('when the rate limit and then authentication ask for the key, then both get the one parse, with the digest keys are stored under', () => {
    const req = requestWith('bearer   kyb_0123456789abcdef0123 ');
    const first = bearerKey(req);
    expect(first).to.deep.equal({ key: 'kyb_0123456789abcdef0123', digest: hashKey('kyb_0123456789abcdef0123') });
    expect(bearerKey(req)).to.equal(first);
  });

  it('when the header is missing or another scheme, then there is no key, however often it is asked for', () => {
    for (const req of [requestWith(), requestWith('Basic dXNlcjpwYXNz'), requestWith('Bearer')]) {
      expect(bearerKey(req)).to.equal(undefined);
      expect(bearerKey(req)).to.equal(undefined);
    }
  });
});
