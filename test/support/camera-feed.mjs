// A fake camera's feed for Chromium (`--use-file-for-fake-video-capture`): a still scene made at
// test time, never committed (2 s of 1080p is ~60 MB): a card laid on one of Debian's wallpapers,
// turned into Y4M by ffmpeg, as ../shared/TOOLCHAIN.md describes. Plain JavaScript: the browser
// tests' runner feeds its Chromium the same scene. Made once per content, in the OS's temp folder.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';

const WALLPAPER = '/usr/share/desktop-base/emerald-theme/wallpaper/contents/images/1920x1080.svg';

/** The card (ID-1's shape, 1200 px across: above 300 DPI): text lines, a portrait area, machine-readable lines; nobody's. */
const CARD = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="757" viewBox="0 0 856 540">
  <rect width="856" height="540" rx="32" fill="#e0ecff"/>
  <rect x="40" y="110" width="220" height="290" fill="#8fa3bf"/>
  <text x="40" y="70" font-family="DejaVu Sans" font-size="40" font-weight="bold" fill="#17324d">IDENTITY CARD</text>
  ${[0, 1, 2, 3, 4].map((i) => `<text x="300" y="${150 + i * 55}" font-family="DejaVu Sans" font-size="30" fill="#1e293b">Line ${i + 1} ERIKSSON ANNA</text>`).join('')}
  <text x="40" y="470" font-family="DejaVu Sans Mono" font-size="30" fill="#111">IDUTOD231458907&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;</text>
  <text x="40" y="510" font-family="DejaVu Sans Mono" font-size="30" fill="#111">ERIKSSON&lt;&lt;ANNA&lt;MARIA&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;</text>
</svg>`;

/** A 1920×1080 scene as JPEG bytes; `blur` (a gaussian sigma) makes the shot a bad one. */
export async function cameraScene({ blur = 0 } = {}) {
  if (!existsSync(WALLPAPER)) throw new Error(`no ${WALLPAPER}: apt-get install -y desktop-base`);
  const background = await sharp(WALLPAPER, { density: 96 }).resize(1920, 1080, { fit: 'cover' }).removeAlpha().toBuffer();
  const card = await sharp(Buffer.from(CARD)).rotate(-4, { background: { r: 0, g: 0, b: 0, alpha: 0 } }).png().toBuffer();
  let scene = sharp(background).composite([{ input: card, left: 340, top: 130 }]);
  if (blur) scene = sharp(await scene.png().toBuffer()).blur(blur);
  return scene.jpeg({ quality: 92 }).toBuffer();
}

/** The scene as a Y4M file for Chromium's fake camera; its path. */
export async function cameraFeed({ blur = 0 } = {}) {
  const recipe = createHash('sha256').update(readFileSync(new URL(import.meta.url))).update(JSON.stringify({ blur })).digest('hex').slice(0, 12);
  const dir = join(tmpdir(), `kyc-upload-camera-${recipe}`);
  const feed = join(dir, 'camera.y4m');
  if (existsSync(feed)) return feed;
  mkdirSync(dir, { recursive: true });
  const still = join(dir, 'scene.jpg');
  await sharp(await cameraScene({ blur })).toFile(still);
  // Written aside, then renamed: a run stopped midway leaves no half feed for the next to take.
  const partial = join(dir, `camera-${process.pid}.y4m`);
  execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-loop', '1', '-i', still, '-vf', 'scale=1920:1080,format=yuv420p', '-t', '2', '-r', '10', partial]);
  renameSync(partial, feed);
  return feed;
}
