import { Handle, Position } from '@xyflow/react';
import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useDiagram } from '../../store/diagramStore.ts';
import { useSession } from '../../store/sessionStore.ts';
import { t } from '../../text/index.ts';
import { NodeFrame } from '../nodeFrame.tsx';
import { PodChip } from './PodChip.tsx';

/** kube-scheduler, holding the pods that have no node yet (its scheduling queue, as far as the UI can see). */
export const SchedulerNode = memo(function SchedulerNode() {
  const active = useDiagram((s) => s.scene.active.includes('scheduler'));
  const watching = useDiagram(useShallow((s) => s.scene.watches['e:scheduler'] ?? []));
  const pending = useSession(useShallow((s) => (s.snapshot?.pods ?? []).filter((p) => p.node === '')));
  return (
    <NodeFrame icon="calendar" title={t.diagram.scheduler} subtitle={watching.length ? t.diagram.watchingList(watching) : t.diagram.idleComponent} active={active} accent="violet">
      <div className="mt-2 text-[11px] font-medium uppercase tracking-wide text-slate-400">{t.diagram.queue}</div>
      <ul className="mt-1 flex flex-wrap gap-1">
        {pending.length === 0 ? <li className="text-[12px] text-slate-400">{t.diagram.noPods}</li> : pending.slice(0, 2).map((p) => <PodChip key={`${p.namespace}/${p.name}`} pod={p} />)}
        {pending.length > 2 ? <li className="text-[12px] text-slate-400">+{pending.length - 2}</li> : null}
      </ul>
      <Handle type="target" position={Position.Left} isConnectable={false} />
    </NodeFrame>
  );
});
