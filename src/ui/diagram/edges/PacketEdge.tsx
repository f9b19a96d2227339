import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, type Edge, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { dwellMs } from '../../../worker/pacing.ts';
import { useDiagram } from '../../store/diagramStore.ts';
import { useSession } from '../../store/sessionStore.ts';
import type { EdgeData } from '../layout.ts';

const NONE: string[] = [];

/**
 * An edge that carries the current hop as a labelled packet (moving along the path with CSS offset-path, so
 * reduced motion simply parks it mid-way), and shows standing watch streams as a flowing dashed line.
 */
export const PacketEdge = memo(function PacketEdge({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data }: EdgeProps<Edge<EdgeData>>) {
  const [path] = getSmoothStepPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, borderRadius: 14 });
  const packet = useDiagram((s) => (s.scene.packet?.edge === id ? s.scene.packet : undefined));
  const watches = useDiagram(useShallow((s) => s.scene.watches[id] ?? NONE));
  const current = useDiagram((s) => (s.scene.packet?.edge === id ? s.scene.current : undefined));
  const speed = useSession((s) => s.snapshot?.speed ?? 1);
  const ms = current && speed !== 'instant' ? Math.round((dwellMs(current) * 0.9) / speed) : 0;
  const tone = packet?.tone ?? 'idle';
  return (
    <>
      <BaseEdge id={id} path={path} className={`edge-base ${packet ? `edge-hot tone-${tone}` : ''}`} />
      {watches.length > 0 ? <path d={path} className="edge-watch" fill="none"><title>{`watch: ${watches.join(', ')}`}</title></path> : null}
      <EdgeLabelRenderer>
        {packet ? (
          <div key={packet.key} className={`packet tone-${tone} ${packet.forward ? 'fwd' : 'back'} ${ms === 0 ? 'static' : ''}`}
            style={{ offsetPath: `path('${path}')`, animationDuration: `${ms}ms` }} data-testid="packet">
            <span className="packet-dot" />
            <span className={`packet-label side-${data?.labelSide ?? 'right'}`}>{packet.label}</span>
          </div>
        ) : null}
      </EdgeLabelRenderer>
    </>
  );
});
