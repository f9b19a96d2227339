import { memo, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { SPEEDS, type Speed, type UserAction } from '../../worker/protocol.ts';
import { Icon } from '../common/Icon.tsx';
import { engine } from '../engine/engine.ts';
import { useSession } from '../store/sessionStore.ts';
import { t } from '../text/index.ts';
import { bucketMarkers, markersOf, storyEnd, type MarkerKind } from './markers.ts';

const NO_ACTIONS: UserAction[] = [];

const speedLabel = (s: Speed): string => (s === 'instant' ? t.playback.instant : `${s}×`);

const markerColor: Record<MarkerKind, string> = {
  request: 'bg-sky-400', decision: 'bg-amber-300', error: 'bg-rose-500', action: 'bg-white',
};

/** The timeline's last step: the story's end, or the cursor once it has gone past into node upkeep. */
function useTimelineEnd(): number {
  const trace = useSession((s) => s.trace);
  const cursor = useSession((s) => s.snapshot?.cursor ?? 0);
  const end = useMemo(() => storyEnd(trace), [trace]);
  return Math.max(end, cursor);
}

/** The timeline's marks: redrawn when they change, not on every step of the cursor. */
const Markers = memo(function Markers({ markers }: { markers: readonly { kind: MarkerKind; left: number; index: number }[] }) {
  return (
    <div className="pointer-events-none absolute inset-x-2 top-0 h-full" aria-hidden="true">
      {markers.map((m) => (
        <span key={`${m.kind}${m.index}`} className={`timeline-marker ${markerColor[m.kind]} marker-${m.kind}`}
          style={{ left: `${m.left}%` }} />
      ))}
    </div>
  );
});

const Timeline = memo(function Timeline() {
  const { trace, cursor, actions, time, origin } = useSession(useShallow((s) => ({
    trace: s.trace, cursor: s.snapshot?.cursor ?? 0, actions: s.snapshot?.actions ?? NO_ACTIONS, time: s.snapshot?.time ?? 0, origin: s.snapshot?.origin ?? 0,
  })));
  const end = useTimelineEnd();
  const total = Math.max(1, end - origin);
  const markers = useMemo(() => bucketMarkers(markersOf(trace, actions), origin, total), [trace, actions, origin, total]);
  return (
    <div className="relative h-9 flex-1">
      <div className="absolute inset-x-2 top-1/2 h-1.5 -translate-y-1/2 rounded-full bg-slate-800" aria-hidden="true">
        <div className="h-full rounded-full bg-sky-500/40" style={{ width: `${((cursor - origin) / total) * 100}%` }} />
      </div>
      <Markers markers={markers} />
      <input type="range" className="timeline-range absolute inset-0 w-full" min={origin} max={Math.max(origin, end)} value={cursor}
        aria-label={t.playback.timeline} aria-valuetext={`${t.playback.stepOf(cursor - origin, end - origin)}, ${t.playback.time(time)}`}
        onChange={(e) => engine.seek(Number(e.target.value))} />
    </div>
  );
});

export const PlaybackBar = memo(function PlaybackBar() {
  const { playing, speed, step, origin, time } = useSession(useShallow((s) => {
    const origin = s.snapshot?.origin ?? 0;
    return {
      playing: s.snapshot?.playing ?? false, speed: s.snapshot?.speed ?? 1, time: s.snapshot?.time ?? 0,
      step: (s.snapshot?.cursor ?? 0) - origin, origin,
    };
  }));
  const steps = Math.max(0, useTimelineEnd() - origin);
  return (
    <div className="flex items-center gap-2 px-3 py-2" role="group" aria-label={t.playback.label}>
      <button type="button" className="icon-btn" onClick={engine.stepBack} aria-label={t.playback.stepBack} title={`${t.playback.stepBack} (←)`} disabled={step <= 0}>
        <Icon name="stepBack" filled className="size-4" />
      </button>
      <button type="button" className="icon-btn icon-btn-primary" onClick={engine.togglePlay} aria-label={playing ? t.playback.pause : t.playback.play} title={`${playing ? t.playback.pause : t.playback.play} (Space)`}>
        <Icon name={playing ? 'pause' : 'play'} filled className="size-5" />
      </button>
      <button type="button" className="icon-btn" onClick={engine.step} aria-label={t.playback.step} title={`${t.playback.step} (→)`}>
        <Icon name="stepForward" filled className="size-4" />
      </button>
      <label className="ml-1 flex items-center gap-1.5 text-[13px] text-slate-400">
        <span className="sr-only">{t.playback.speed}</span>
        <select className="select" value={String(speed)} onChange={(e) => engine.setSpeed(e.target.value === 'instant' ? 'instant' : Number(e.target.value))} aria-label={t.playback.speed} title={`${t.playback.speed} (+ −)`}>
          {SPEEDS.map((s) => <option key={String(s)} value={String(s)}>{speedLabel(s)}</option>)}
        </select>
      </label>
      <div className="ml-2 w-[124px] shrink-0 text-right font-mono text-[12px] leading-tight text-slate-400" aria-live="off">
        <div className="text-slate-200">{t.playback.stepOf(step, steps)}</div>
        <div>{t.playback.time(time)}</div>
      </div>
      <Timeline />
    </div>
  );
});
