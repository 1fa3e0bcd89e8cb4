// Draws the app and tray icons (a check mark in a circle) as PNG files in resources/.
// Run once after changing the design: `node scripts/make-icons.mjs`.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const ACCENT = [47, 95, 208];
const CHECK = [
  [0.28, 0.52],
  [0.44, 0.67],
  [0.73, 0.36],
];

function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function distanceToSegment(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function icon(size) {
  const radius = size / 2;
  const stroke = size * 0.085;
  const points = CHECK.map(([x, y]) => [x * size, y * size]);
  const samples = 4;
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = [0];
    for (let x = 0; x < size; x++) {
      let inside = 0;
      let check = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const px = x + (sx + 0.5) / samples;
          const py = y + (sy + 0.5) / samples;
          if (Math.hypot(px - radius, py - radius) > radius - 0.5) continue;
          inside++;
          const near = Math.min(
            distanceToSegment(px, py, points[0], points[1]),
            distanceToSegment(px, py, points[1], points[2]),
          );
          if (near <= stroke) check++;
        }
      }
      const white = inside === 0 ? 0 : check / inside;
      row.push(...ACCENT.map((c) => Math.round(c * (1 - white) + 255 * white)));
      row.push(Math.round((inside / samples ** 2) * 255));
    }
    rows.push(Buffer.from(row));
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

writeFileSync(new URL('../resources/icon.png', import.meta.url), icon(256));
writeFileSync(new URL('../resources/tray.png', import.meta.url), icon(32));
// The installers' icon: electron-builder makes the .icns and .ico from it (macOS wants 1024 px).
writeFileSync(new URL('../resources/build/icon.png', import.meta.url), icon(1024));
