import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  deriveSigningKey,
  SIGV4_ALGORITHM,
  sha256Hex,
  sha256HexFor,
  uriEncode,
} from '../../src/sigv4/core.js';

describe('deriveSigningKey', () => {
  it("gives AWS's documented signing key for its example secret and scope", () => {
    // AWS's worked example of deriving a SigV4 signing key (secret wJalr..., 20120215, us-east-1, iam).
    const key = deriveSigningKey('wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', '20120215', 'us-east-1', 'iam');
    expect(key.toString('hex')).toBe('f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d');
  });
  it('changes with each part of the scope', () => {
    const base = deriveSigningKey('secret', '20261207', 'us-east-1', 'events').toString('hex');
    const others = [
      deriveSigningKey('secret2', '20261207', 'us-east-1', 'events'),
      deriveSigningKey('secret', '20261208', 'us-east-1', 'events'),
      deriveSigningKey('secret', '20261207', 'eu-west-1', 'events'),
      deriveSigningKey('secret', '20261207', 'us-east-1', 'monitoring'),
    ].map((key) => key.toString('hex'));
    expect(new Set([base, ...others]).size).toBe(5);
  });
});

describe('sha256Hex', () => {
  it('hashes strings and buffers alike, lower-case hex', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex(Buffer.from('{"Entries":[]}'))).toBe(
      createHash('sha256').update('{"Entries":[]}').digest('hex'),
    );
  });

  it("uses node:crypto's one-shot hash where it exists, and a Hash object on a Node without it", () => {
    const calls: string[] = [];
    const withOneShot = sha256HexFor({
      hash: (algorithm, data) => {
        calls.push(`hash ${algorithm} ${String(data)}`);
        return 'one-shot';
      },
      createHash,
    });
    expect(withOneShot('abc')).toBe('one-shot');
    expect(calls).toEqual(['hash sha256 abc']);
    const withoutOneShot = sha256HexFor({ createHash });
    expect(withoutOneShot('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(withoutOneShot(Buffer.from('abc'))).toBe(sha256Hex('abc'));
  });
});

describe('uriEncode', () => {
  it('leaves only A-Z a-z 0-9 - _ . ~ unencoded, upper-case hex', () => {
    expect(uriEncode("a b!'()*~._-")).toBe('a%20b%21%27%28%29%2A~._-');
    expect(uriEncode('é/=&')).toBe('%C3%A9%2F%3D%26');
  });
});

describe('SIGV4_ALGORITHM', () => {
  it('is the Authorization algorithm of HMAC-SHA256 SigV4', () => {
    expect(SIGV4_ALGORITHM).toBe('AWS4-HMAC-SHA256');
  });
});
