// The explorer in headless Chromium, on the built site: what a learner's browser downloads before Monaco, how soon
// the diagram paints, and how smooth playback stays while a 100-replica Deployment animates.
// Builds the site first (vite build, ~10 s) unless BENCH_UI_BUILD=0; uses /usr/bin/chromium unless CHROMIUM_PATH
// names another browser ('' = Playwright's own).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from '@playwright/test';
import { deploymentYaml } from '../src/sim/scenario/gallery.ts';
import { defaultScenario } from '../src/sim/scenario/defaultScenario.ts';
import { encodeScenario } from '../src/sim/scenario/scenarioCodec.ts';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
}

const ROOT = join(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');
const BASE = '/explorer/';
const LOADS = Number(process.env.BENCH_RUNS ?? 3);
const ANIMATE_MS = 10_000;
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.woff2': 'font/woff2', '.ttf': 'font/ttf', '.png': 'image/png' };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1] ?? 0;
}

function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function build(): void {
  if (process.env.BENCH_UI_BUILD === '0' && existsSync(join(DIST, 'index.html'))) return;
  execFileSync('npx', ['vite', 'build', '--configLoader', 'runner', '--logLevel', 'error'], { cwd: ROOT, stdio: 'inherit' });
}

/** The JavaScript the page loads before anything lazy: its entry script and the chunks it preloads. */
function initialJs(): { raw: number; gzip: number; files: string[] } {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\.\/([^"]+\.js)"/g)].map((m) => m[1] as string);
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const body = readFileSync(join(DIST, f));
    raw += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
  }
  return { raw, gzip, files };
}

function gzipOf(prefix: string): number {
  const assets = join(DIST, 'assets');
  const file = execFileSync('ls', [assets]).toString().split('\n').find((f) => f.startsWith(prefix) && f.endsWith('.js'));
  return file ? gzipSync(readFileSync(join(assets, file)), { level: 9 }).length : 0;
}

function serve(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith(BASE)) return void res.writeHead(404).end();
    let rel = normalize(url.pathname.slice(BASE.length)).replace(/^(\.\.[/\\])+/, '');
    if (rel === '' || rel === '.' || rel.endsWith('/')) rel = join(rel, 'index.html');
    try {
      res.writeHead(200, { 'content-type': TYPES[extname(rel)] ?? 'application/octet-stream' }).end(readFileSync(join(DIST, rel)));
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Records, in the page, when the diagram's kube-apiserver first reaches the screen (the frame after it mounts). */
const PAINT_PROBE = `
  new MutationObserver((_, obs) => {
    if (!document.querySelector('[data-testid=apiserver]')) return;
    obs.disconnect();
    requestAnimationFrame(() => { window.__diagramPaint = performance.now(); });
  }).observe(document, { childList: true, subtree: true });
`;

async function firstDiagramPaint(browser: Browser, origin: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.addInitScript(PAINT_PROBE);
    await page.goto(`${origin}${BASE}`);
    await page.waitForFunction('window.__diagramPaint !== undefined', undefined, { timeout: 30_000 });
    times.push(await page.evaluate<number>('window.__diagramPaint'));
    await context.close();
  }
  return median(times);
}

/** Long tasks and frames while the page plays a 100-replica Deployment at 8×. */
const PLAYBACK_PROBE = `
  window.__longTasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: false });
  window.__frames = [];
  window.__recording = false;
  const frame = (t) => { if (window.__recording) window.__frames.push(t); requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
`;

interface Playback {
  longTasks: number[];
  frames: number[];
  messages: number;
  seconds: number;
  pods: number;
}

async function animateDeployment(browser: Browser, origin: string): Promise<Playback> {
  const scenario = { ...defaultScenario, name: 'bench-100', title: 'a Deployment of 100 replicas', files: [{ name: 'web-deployment.yaml', content: deploymentYaml(100) }] };
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page: Page = await context.newPage();
  await page.addInitScript(PLAYBACK_PROBE);
  await page.goto(`${origin}${BASE}?scenario=${encodeScenario(scenario)}`);
  await page.getByRole('status', { name: 'Engine status' }).getByText('Engine running in a Web Worker').waitFor();
  // Monaco loads after the diagram; let it finish so its parse is not counted as playback.
  await page.getByTestId('monaco').and(page.locator('[data-ready=true]')).waitFor({ timeout: 30_000 });
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('8');
  await page.waitForTimeout(500);
  const before = await page.evaluate<number>('window.podJourney.messagesReceived()');
  await page.evaluate('window.__longTasks = []; window.__frames = []; window.__recording = true;');
  const start = Date.now();
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.waitForTimeout(ANIMATE_MS);
  await page.evaluate('window.__recording = false;');
  const seconds = (Date.now() - start) / 1000;
  const after = await page.evaluate<number>('window.podJourney.messagesReceived()');
  const longTasks = await page.evaluate<number[]>('window.__longTasks');
  const frames = await page.evaluate<number[]>('window.__frames');
  const pods = await page.getByRole('listitem', { name: /^Pod web-/ }).count();
  await context.close();
  return { longTasks, frames, messages: after - before, seconds, pods };
}

export async function benchUi(): Promise<BenchResult[]> {
  build();
  const js = initialJs();
  const server = await serve();
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const browser = await chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const paint = await firstDiagramPaint(browser, origin);
    const play = await animateDeployment(browser, origin);
    const deltas = play.frames.slice(1).map((t, i) => t - (play.frames[i] as number));
    const p95 = [...deltas].sort((a, b) => a - b)[Math.floor(deltas.length * 0.95)] ?? 0;
    const spanS = play.frames.length > 1 ? ((play.frames[play.frames.length - 1] as number) - (play.frames[0] as number)) / 1000 : 1;
    return [
      { name: 'ui.initialJs.gzip', value: round(js.gzip / 1024), unit: 'KiB' },
      { name: 'ui.initialJs.raw', value: round(js.raw / 1024), unit: 'KiB' },
      { name: 'ui.monacoChunk.gzip', value: round(gzipOf('CodeEditor-') / 1024), unit: 'KiB' },
      { name: 'ui.engineWorker.gzip', value: round(gzipOf('engine.worker-') / 1024), unit: 'KiB' },
      { name: 'ui.firstDiagramPaint', value: round(paint, 0), unit: 'ms' },
      { name: 'ui.deployment100.longTasks', value: play.longTasks.length, unit: 'tasks>50ms' },
      { name: 'ui.deployment100.longestTask', value: round(Math.max(0, ...play.longTasks), 0), unit: 'ms' },
      { name: 'ui.deployment100.fps', value: round((play.frames.length - 1) / spanS), unit: 'frames/s' },
      { name: 'ui.deployment100.frameP95', value: round(p95), unit: 'ms' },
      { name: 'ui.deployment100.workerMessages', value: round(play.messages / play.seconds), unit: 'messages/s' },
      { name: 'ui.deployment100.podsShown', value: play.pods, unit: 'pods' },
    ];
  } finally {
    await browser.close();
    server.close();
  }
}

// Run alone with `npx tsx bench/ui.bench.ts` (bundled into bench/run.ts, only benchUi() is used).
if (import.meta.filename.endsWith('ui.bench.ts') && import.meta.filename === process.argv[1]) {
  for (const r of await benchUi()) console.log(JSON.stringify(r));
}
