// The Web Worker entry: one EngineHost, driven once per animation frame while there is something to show.
import { EngineHost } from './EngineHost.ts';
import type { Command, HostMessage } from './protocol.ts';

/** The parts of DedicatedWorkerGlobalScope used here (the app's tsconfig has the DOM lib, not WebWorker). */
interface WorkerScope {
  postMessage(message: HostMessage): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<Command>) => void): void;
  requestAnimationFrame?: (cb: (t: number) => void) => number;
}

const scope = self as unknown as WorkerScope;
const host = new EngineHost((m) => scope.postMessage(m));
let scheduled = false;
let last = performance.now();

function nextFrame(run: () => void): void {
  if (typeof scope.requestAnimationFrame === 'function') scope.requestAnimationFrame(() => run());
  else setTimeout(run, 16);
}

function frame(): void {
  const now = performance.now();
  // A hidden tab gets few frames: never jump more than a quarter second of playback at once.
  host.tick(Math.min(250, now - last));
  last = now;
  host.flush();
  if (host.animating) nextFrame(frame);
  else scheduled = false;
}

scope.addEventListener('message', (e) => {
  host.handle(e.data);
  if (!scheduled) {
    scheduled = true;
    last = performance.now();
    nextFrame(frame);
  }
});
