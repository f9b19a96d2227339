import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, type Edge, type EdgeProps } from '@xyflow/react';
import { memo, useLayoutEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { dwellMs } from '../../../worker/pacing.ts';
import { useDiagram } from '../../store/diagramStore.ts';
import { useSession } from '../../store/sessionStore.ts';
import type { EdgeData } from '../layout.ts';

const NONE: string[] = [];
const SVG_NS = 'http://www.w3.org/2000/svg';
/** Points sampled along the edge for the packet's keyframes (the path's corners are rounded, so this is plenty). */
const SAMPLES = 24;
/** Where a packet rests when it does not move (reduced motion, "instant"): just past the middle. */
const PARKED = 0.55;
const HALF_DOT = 7;

function pointsAlong(path: string): { x: number; y: number }[] {
  const probe = document.createElementNS(SVG_NS, 'path');
  probe.setAttribute('d', path);
  const length = probe.getTotalLength();
  return Array.from({ length: SAMPLES + 1 }, (_, i) => {
    const p = probe.getPointAtLength((length * i) / SAMPLES);
    return { x: p.x, y: p.y };
  });
}

const at = (p: { x: number; y: number }): string => `translate(${p.x - HALF_DOT}px, ${p.y - HALF_DOT}px)`;

/**
 * An edge that carries the current hop as a labelled packet, and shows standing watch streams as a dashed line.
 * The packet moves by a transform animation (Web Animations), which the compositor runs off the main thread, so
 * React work during playback never makes it stutter; with reduced motion it simply rests mid-way.
 */
export const PacketEdge = memo(function PacketEdge({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data }: EdgeProps<Edge<EdgeData>>) {
  const [path] = getSmoothStepPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, borderRadius: 14 });
  const packet = useDiagram((s) => (s.scene.packet?.edge === id ? s.scene.packet : undefined));
  const watches = useDiagram(useShallow((s) => s.scene.watches[id] ?? NONE));
  const current = useDiagram((s) => (s.scene.packet?.edge === id ? s.scene.current : undefined));
  const speed = useSession((s) => s.snapshot?.speed ?? 1);
  const ms = current && speed !== 'instant' ? Math.round((dwellMs(current) * 0.9) / speed) : 0;
  const tone = packet?.tone ?? 'idle';
  const dot = useRef<HTMLDivElement>(null);
  const key = packet?.key;
  const forward = packet?.forward ?? true;

  useLayoutEffect(() => {
    const el = dot.current;
    if (!el || key === undefined) return;
    const points = pointsAlong(path);
    if (!forward) points.reverse();
    const still = ms === 0 || window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    if (still) {
      el.style.transform = at(points[Math.round(PARKED * SAMPLES)] ?? { x: 0, y: 0 });
      return;
    }
    const animation = el.animate(points.map((p) => ({ transform: at(p) })), { duration: ms, easing: 'cubic-bezier(.45, 0, .25, 1)', fill: 'both' });
    return () => animation.cancel();
  }, [key, path, ms, forward]);

  return (
    <>
      <BaseEdge id={id} path={path} className={`edge-base ${packet ? `edge-hot tone-${tone}` : ''}`} />
      {watches.length > 0 ? <path d={path} className="edge-watch" fill="none"><title>{`watch: ${watches.join(', ')}`}</title></path> : null}
      <EdgeLabelRenderer>
        {packet ? (
          <div key={packet.key} ref={dot} className={`packet tone-${tone}`} data-testid="packet">
            <span className="packet-dot" />
            <span className={`packet-label side-${data?.labelSide ?? 'right'}`}>{packet.label}</span>
          </div>
        ) : null}
      </EdgeLabelRenderer>
    </>
  );
});
