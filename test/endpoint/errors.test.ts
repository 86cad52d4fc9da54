import { describe, expect, it } from 'vitest';
import { INTERNAL, renderAwsErrorBody, THROTTLED } from '../../src/endpoint/errors.js';

describe('renderAwsErrorBody', () => {
  it('writes the AWS JSON 1.1 error shape, escaping the message', () => {
    expect(renderAwsErrorBody(THROTTLED)).toBe('{"__type":"ThrottlingException","message":"Rate exceeded"}');
    expect(
      renderAwsErrorBody({
        httpStatus: 400,
        code: 'ValidationException',
        message: 'Value "x"\nat \'entries\'',
      }),
    ).toBe('{"__type":"ValidationException","message":"Value \\"x\\"\\nat \'entries\'"}');
  });
});

describe('the common answers', () => {
  it('throttles with 400 and answers internal errors with 500', () => {
    expect(THROTTLED).toEqual({ httpStatus: 400, code: 'ThrottlingException', message: 'Rate exceeded' });
    expect(INTERNAL).toEqual({
      httpStatus: 500,
      code: 'InternalException',
      message: 'An internal error occurred. Please retry.',
    });
  });
});
