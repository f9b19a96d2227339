// The explorer in headless Chromium, on the built site: what a learner's browser downloads before Monaco, how soon
// the diagram paints, and how smooth playback stays while a 100-replica Deployment animates.
// Builds the site first (vite build, ~10 s) unless BENCH_UI_BUILD=0, into dist/ or BENCH_UI_DIST; uses
// /usr/bin/chromium unless CHROMIUM_PATH names another browser ('' = Playwright's own). Playback is measured in two
// windows of BENCH_UI_WINDOW_S seconds at 8×: right after Apply, and after seeking past half of the rollout (the
// trace and the cluster at their largest). BENCH_UI_WHOLE=1 measures the whole rollout instead (~27 minutes at 8×,
// capped at BENCH_UI_CAP_S). BENCH_UI_TRACE=<file> saves a Chrome performance trace of the last window.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from '@playwright/test';
import { deploymentYaml } from '../src/sim/scenario/gallery.ts';
import { defaultScenario } from '../src/sim/scenario/defaultScenario.ts';
import { encodeScenario } from '../src/sim/scenario/scenarioCodec.ts';
import { originalPosition } from './sourcePosition.ts';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
}

const ROOT = join(import.meta.dirname, '..');
const DIST = process.env.BENCH_UI_DIST ?? join(ROOT, 'dist');
const BASE = '/explorer/';
const LOADS = Number(process.env.BENCH_RUNS ?? 3);
const REPLICAS = 100;
/**
 * Wall-clock cap on the rollout; BENCH_UI_CAP_S overrides it. At 8× the 100-pod rollout is ~17,000 trace events
 * and ~21 s of cluster time, paced at ~27 minutes of playback.
 */
const ROLLOUT_CAP_MS = Number(process.env.BENCH_UI_CAP_S ?? 2700) * 1000;
const WHOLE = process.env.BENCH_UI_WHOLE === '1';
const WINDOW_MS = Number(process.env.BENCH_UI_WINDOW_S ?? 45) * 1000;
/** Trace events after the Apply where the late window starts: in the last fifth of the ~21,700 the rollout takes. */
const LATE_AT = 18_000;
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.woff2': 'font/woff2', '.ttf': 'font/ttf', '.png': 'image/png' };

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * q))] ?? 0;
}

function median(xs: number[]): number {
  return quantile(xs, 0.5);
}

function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function build(): void {
  if (process.env.BENCH_UI_BUILD === '0' && existsSync(join(DIST, 'index.html'))) return;
  execFileSync('npx', ['vite', 'build', '--configLoader', 'runner', '--logLevel', 'error', '--outDir', DIST, '--emptyOutDir'], { cwd: ROOT, stdio: 'inherit' });
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

/**
 * Long tasks, long animation frames, frames and the engine's snapshots while the page plays a 100-replica
 * Deployment at 8×. The diagram draws at most three pod chips per node, so the rollout's end is read from the
 * snapshots it draws from: a subclass of Worker listens beside the app's own handler (the engine worker's are the
 * only messages with a `snapshot`) and notes when all the Deployment's pods are Running, or the engine is idle.
 */
const PLAYBACK_PROBE = `
  window.__longTasks = [];
  window.__loafs = [];
  window.__recording = false;
  new PerformanceObserver((list) => {
    if (window.__recording) for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: false });
  new PerformanceObserver((list) => {
    if (!window.__recording) return;
    for (const e of list.getEntries()) {
      const end = e.startTime + e.duration;
      window.__loafs.push({
        duration: e.duration,
        render: e.renderStart > 0 ? end - e.renderStart : 0,
        layout: e.styleAndLayoutStart > 0 ? end - e.styleAndLayoutStart : 0,
        scripts: e.scripts.map((s) => ({ duration: s.duration, forcedLayout: s.forcedStyleAndLayoutDuration, invoker: s.invoker, url: s.sourceURL, fn: s.sourceFunctionName, pos: s.sourceCharPosition })),
      });
    }
  }).observe({ type: 'long-animation-frame', buffered: false });
  window.__frames = [];
  window.__virtualTime = 0;
  window.__pods = { shown: 0, running: 0 };
  const frame = (t) => { if (window.__recording) window.__frames.push(t); requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        const snap = e.data && e.data.snapshot;
        if (!snap || typeof snap.time !== 'number') return;
        window.__virtualTime = snap.time;
        window.__cursor = snap.cursor;
        if (!snap.pods) return;
        const web = snap.pods.filter((p) => p.name.startsWith('web-'));
        window.__pods = { shown: web.length, running: web.filter((p) => p.phase === 'Running').length };
        if (window.__recording && window.__done === undefined && (window.__pods.running >= ${REPLICAS} || snap.idle)) {
          window.__recording = false;
          window.__done = { wall: performance.now(), virtual: snap.time };
        }
      });
    }
  };
`;

interface Loaf {
  duration: number;
  render: number;
  layout: number;
  scripts: { duration: number; forcedLayout: number; invoker: string; url: string; fn: string; pos: number }[];
}

interface Playback {
  /** 'early', 'late' or 'whole'. */
  window: string;
  longTasks: { start: number; duration: number }[];
  frames: number[];
  messages: number;
  /** Wall seconds of the window. */
  seconds: number;
  /** Virtual seconds the engine advanced over the window. */
  virtualSeconds: number;
  loafs: Loaf[];
  pods: number;
  running: number;
  /** Whether every pod showed Running before the window ended. */
  complete: boolean;
}

/** Records one window of playback: until `ms` have passed, or every pod is Running (the engine idle). */
async function recordWindow(page: Page, name: string, ms: number, act: () => Promise<void>): Promise<Playback> {
  const before = await page.evaluate<number>('window.podJourney.messagesReceived()');
  const start = await page.evaluate<{ wall: number; virtual: number }>(
    '(() => { window.__longTasks = []; window.__loafs = []; window.__frames = []; window.__done = undefined; window.__recording = true; return { wall: performance.now(), virtual: window.__virtualTime }; })()',
  );
  await act();
  const complete = await page.waitForFunction('window.__done !== undefined', undefined, { polling: 1000, timeout: ms })
    .then(() => true, (e: unknown) => { if (e instanceof Error && e.name === 'TimeoutError') return false; throw e; });
  const end = await page.evaluate<{ wall: number; virtual: number }>(
    '(() => { window.__recording = false; return window.__done ?? { wall: performance.now(), virtual: window.__virtualTime }; })()',
  );
  const after = await page.evaluate<number>('window.podJourney.messagesReceived()');
  const { shown: pods, running } = await page.evaluate<{ shown: number; running: number }>('window.__pods');
  return {
    window: name,
    longTasks: await page.evaluate<{ start: number; duration: number }[]>('window.__longTasks'),
    frames: await page.evaluate<number[]>('window.__frames'),
    loafs: await page.evaluate<Loaf[]>('window.__loafs'),
    messages: after - before, seconds: (end.wall - start.wall) / 1000, virtualSeconds: (end.virtual - start.virtual) / 1000,
    pods, running, complete,
  };
}

async function animateDeployment(browser: Browser, origin: string): Promise<Playback[]> {
  const scenario = { ...defaultScenario, name: 'bench-100', title: 'a Deployment of 100 replicas', files: [{ name: 'web-deployment.yaml', content: deploymentYaml(REPLICAS) }] };
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page: Page = await context.newPage();
  await page.addInitScript(PLAYBACK_PROBE);
  await page.goto(`${origin}${BASE}?scenario=${encodeScenario(scenario)}`);
  await page.getByRole('status', { name: 'Engine status' }).getByText('Engine running in a Web Worker').waitFor();
  // Monaco loads after the diagram; let it finish so its parse is not counted as playback.
  await page.getByTestId('monaco').and(page.locator('[data-ready=true]')).waitFor({ timeout: 30_000 });
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('8');
  await page.waitForTimeout(500);
  const origin0 = await page.evaluate<number>('window.__cursor ?? 0');
  const trace = process.env.BENCH_UI_TRACE;
  const apply = async (): Promise<void> => { await page.getByRole('button', { name: 'Apply' }).click(); };
  const out: Playback[] = [];
  if (WHOLE) {
    if (trace) await browser.startTracing(page, { path: trace, categories: TRACE_CATEGORIES });
    out.push(await recordWindow(page, 'whole', ROLLOUT_CAP_MS, apply));
  } else {
    out.push(await recordWindow(page, 'early', WINDOW_MS, apply));
    // Jump past half of the rollout (the host computes the way there), then play on at 8×.
    await page.evaluate(`window.podJourney.seek(${origin0 + LATE_AT})`);
    await page.waitForFunction(`window.__cursor >= ${origin0 + LATE_AT}`, undefined, { timeout: 120_000 });
    await page.waitForTimeout(1000);
    if (trace) await browser.startTracing(page, { path: trace, categories: TRACE_CATEGORIES });
    out.push(await recordWindow(page, 'late', WINDOW_MS, async () => { await page.getByRole('button', { name: 'Play' }).click(); }));
  }
  if (trace) await browser.stopTracing();
  await context.close();
  return out;
}

// The V8 sampling profiler's category puts a CPU profile (ProfileChunk events) in the trace: which functions cost.
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'v8.execute', 'disabled-by-default-v8.cpu_profiler'];

/** On stderr (stdout stays JSON lines): the scripts that took the most time inside long frames, by source. */
function reportLongFrames(loafs: Loaf[]): void {
  const bySource = new Map<string, { ms: number; count: number; forcedLayout: number }>();
  for (const l of loafs) {
    for (const sc of l.scripts) {
      const file = sc.url ? join(DIST, 'assets', basename(new URL(sc.url).pathname)) : '';
      const where = file ? originalPosition(file, sc.pos) ?? `${basename(file)}@${sc.pos}` : '(no source)';
      const key = `${sc.invoker} → ${sc.fn || '(anonymous)'} at ${where}`;
      const agg = bySource.get(key) ?? { ms: 0, count: 0, forcedLayout: 0 };
      agg.ms += sc.duration;
      agg.count++;
      agg.forcedLayout += sc.forcedLayout;
      bySource.set(key, agg);
    }
  }
  const top = [...bySource].sort((a, b) => b[1].ms - a[1].ms).slice(0, 10);
  console.error(`long frames: ${loafs.length}, ${round(loafs.reduce((x, l) => x + l.duration, 0), 0)} ms; top scripts in them:`);
  for (const [key, a] of top) console.error(`  ${round(a.ms, 0)} ms in ${a.count} (forced layout ${round(a.forcedLayout, 0)} ms): ${key}`);
}

/** One window's figures, named ui.deployment100.<window>.*. */
function playbackFigures(play: Playback): BenchResult[] {
  const deltas = play.frames.slice(1).map((t, i) => t - (play.frames[i] as number));
  const spanS = play.frames.length > 1 ? ((play.frames[play.frames.length - 1] as number) - (play.frames[0] as number)) / 1000 : 1;
  const tasks = play.longTasks.map((l) => l.duration);
  const loafScript = play.loafs.reduce((x, l) => x + l.scripts.reduce((y, sc) => y + sc.duration, 0), 0);
  const loafRender = play.loafs.reduce((x, l) => x + l.render, 0);
  console.error(`window ${play.window}:`);
  reportLongFrames(play.loafs);
  const n = `ui.deployment100.${play.window}`;
  return [
    { name: `${n}.rolloutComplete`, value: play.complete ? 1 : 0, unit: 'bool' },
    { name: `${n}.podsRunning`, value: play.running, unit: 'pods' },
    { name: `${n}.wall`, value: round(play.seconds), unit: 's' },
    { name: `${n}.virtual`, value: round(play.virtualSeconds), unit: 's' },
    { name: `${n}.frames`, value: play.frames.length, unit: 'frames' },
    { name: `${n}.fps`, value: round((play.frames.length - 1) / spanS), unit: 'frames/s' },
    { name: `${n}.frameP50`, value: round(quantile(deltas, 0.5)), unit: 'ms' },
    { name: `${n}.frameP95`, value: round(quantile(deltas, 0.95)), unit: 'ms' },
    { name: `${n}.framesOver33ms`, value: deltas.filter((d) => d > 33.4).length, unit: 'frames' },
    { name: `${n}.longTasks`, value: tasks.length, unit: 'tasks>50ms' },
    { name: `${n}.longestTask`, value: round(Math.max(0, ...tasks), 0), unit: 'ms' },
    { name: `${n}.longTasksTotal`, value: round(tasks.reduce((x, y) => x + y, 0), 0), unit: 'ms' },
    // Long animation frames (> 50 ms from task start to paint): time in scripts, and in rendering (rAF callbacks,
    // style, layout, paint) after the frame's tasks.
    { name: `${n}.longFrames`, value: play.loafs.length, unit: 'frames>50ms' },
    { name: `${n}.longFramesScript`, value: round(loafScript, 0), unit: 'ms' },
    { name: `${n}.longFramesRender`, value: round(loafRender, 0), unit: 'ms' },
    { name: `${n}.workerMessages`, value: round(play.messages / play.seconds), unit: 'messages/s' },
  ];
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
    const windows = await animateDeployment(browser, origin);
    const results: BenchResult[] = [
      { name: 'ui.initialJs.gzip', value: round(js.gzip / 1024), unit: 'KiB' },
      { name: 'ui.initialJs.raw', value: round(js.raw / 1024), unit: 'KiB' },
      { name: 'ui.monacoChunk.gzip', value: round(gzipOf('CodeEditor-') / 1024), unit: 'KiB' },
      { name: 'ui.engineWorker.gzip', value: round(gzipOf('engine.worker-') / 1024), unit: 'KiB' },
      { name: 'ui.firstDiagramPaint', value: round(paint, 0), unit: 'ms' },
    ];
    for (const play of windows) results.push(...playbackFigures(play));
    return results;
  } finally {
    await browser.close();
    server.close();
  }
}

// Run alone with `npx tsx bench/ui.bench.ts` (bundled into bench/run.ts, only benchUi() is used).
if (import.meta.filename.endsWith('ui.bench.ts') && import.meta.filename === process.argv[1]) {
  for (const r of await benchUi()) console.log(JSON.stringify(r));
}
