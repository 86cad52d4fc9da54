import { describe, expect, it } from 'vitest';
import { normaliseSvg } from '../../src/report/normalise-svg.js';

describe('normaliseSvg (echarts, server-side SVG)', () => {
  it('renames instance ids in order of appearance and drops hover-only styling', () => {
    const svg =
      '<svg><style>.zr7-cls-0:hover{}</style><g clip-path="url(#zr7-c3)" class="zr7-cls-0" ecmeta_x="1"></g>' +
      '<clipPath id="zr7-c3"></clipPath><clipPath id="zr7-c1"></clipPath></svg>';
    expect(normaliseSvg(svg, 'p')).toBe(
      '<svg><g clip-path="url(#p-c0)"></g><clipPath id="p-c0"></clipPath><clipPath id="p-c1"></clipPath></svg>',
    );
  });
});
