/** Pixel statistics of PNG screenshots (pngjs decodes them): how much is drawn, and in which colours. */
import { PNG } from 'pngjs';

export interface Picture {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel, row by row. */
  data: Buffer;
}

export type Rgb = readonly [number, number, number];

export function decodePng(png: Buffer): Picture {
  const { width, height, data } = PNG.sync.read(png);
  return { width, height, data };
}

/** "#0b5cad" -> [11, 92, 173]. */
export function hexRgb(hex: string): Rgb {
  const value = Number.parseInt(hex.replace('#', ''), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/** The colour a fill of `rgb` at `opacity` shows over white. */
export function overWhite(rgb: Rgb, opacity: number): Rgb {
  return rgb.map((channel) => Math.round(255 - opacity * (255 - channel))) as unknown as Rgb;
}

export function pixelAt(picture: Picture, x: number, y: number): Rgb {
  const offset = (Math.round(y) * picture.width + Math.round(x)) * 4;
  return [picture.data[offset]!, picture.data[offset + 1]!, picture.data[offset + 2]!];
}

/** Share of pixels that are not (near) white: 0 for a blank picture. */
export function inkRatio(picture: Picture): number {
  let ink = 0;
  const pixels = picture.width * picture.height;
  for (let i = 0; i < pixels; i++) {
    const o = i * 4;
    if (picture.data[o]! < 235 || picture.data[o + 1]! < 235 || picture.data[o + 2]! < 235) ink++;
  }
  return pixels === 0 ? 0 : ink / pixels;
}

/** Pixels within `tolerance` (sum of the channel differences) of `rgb`. */
export function countNear(picture: Picture, rgb: Rgb, tolerance = 24): number {
  let count = 0;
  const pixels = picture.width * picture.height;
  for (let i = 0; i < pixels; i++) {
    const o = i * 4;
    const distance =
      Math.abs(picture.data[o]! - rgb[0]) +
      Math.abs(picture.data[o + 1]! - rgb[1]) +
      Math.abs(picture.data[o + 2]! - rgb[2]);
    if (distance <= tolerance) count++;
  }
  return count;
}

/** Distinct colours among the pixels (a rendered chart has many: text, lines, fills and their anti-aliasing). */
export function distinctColours(picture: Picture): number {
  const seen = new Set<number>();
  const pixels = picture.width * picture.height;
  for (let i = 0; i < pixels; i++) {
    const o = i * 4;
    seen.add((picture.data[o]! << 16) | (picture.data[o + 1]! << 8) | picture.data[o + 2]!);
  }
  return seen.size;
}
