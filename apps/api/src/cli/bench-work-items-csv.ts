import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { IMPORT_COLUMNS } from '@ipo/contracts';
import { WORK_TYPES } from '../catalogue/catalogue.js';

const CHANNELS = ['phone', 'email', 'post', 'online'];
const GROUPS = ['individual', 'small_business', 'large_business', 'attorney'];
const TEAMS = ['Team A', 'Team B', 'Team C'];

/**
 * Writes a work-items CSV of `rows` generated rows for the benchmarks (the same rows as
 * bench:import's file: a fixed seed, every work type in turn, received over 600 days from
 * 1 April 2024, one in ten still open). Written as a stream, honouring back-pressure: the
 * generator holds one chunk.
 */
export async function writeWorkItemsCsv(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  out.write(`${IMPORT_COLUMNS['work-items'].join(',')}\r\n`);
  let seed = 12345;
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const start = Date.UTC(2024, 3, 1);
  const span = 600 * 86_400_000;
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const w = WORK_TYPES[i % WORK_TYPES.length]!;
    const received = start + Math.floor(random() * span);
    const open = random() < 0.1;
    const completed = received + Math.floor(random() * 20 * 86_400_000);
    chunk += `WI-${String(i).padStart(8, '0')},${w.code},${w.service},${TEAMS[i % 3]},${
      CHANNELS[i % 4]
    },${GROUPS[(i >> 2) % 4]},${new Date(received).toISOString()},${
      open ? '' : new Date(completed).toISOString()
    }\r\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}
