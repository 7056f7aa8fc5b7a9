import type { Status } from '@ipo/contracts';

/**
 * Okabe-Ito colours, safe for the common colour-vision deficiencies. Every mark also has a
 * dark outline (at least 3:1 against white, WCAG 1.4.11), and status is always carried by a shape
 * and a word as well, never by colour alone.
 */
export const palette = {
  series: '#0072B2',
  target: '#0b0c0c',
  within: '#0072B2',
  beyond: '#E69F00',
  outline: '#0b0c0c',
  grid: '#cecece',
  text: '#0b0c0c',
} as const;

export const statusColours: Record<Status, string> = {
  met: '#009E73',
  near: '#E69F00',
  missed: '#D55E00',
  no_data: '#6F777B',
};
