import { Handle, Position } from '@xyflow/react';
import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useDiagram } from '../../store/diagramStore.ts';
import { t } from '../../text/index.ts';
import { NodeFrame } from '../nodeFrame.tsx';

export const ControllerManagerNode = memo(function ControllerManagerNode() {
  const active = useDiagram((s) => s.scene.active.includes('controller-manager'));
  const watching = useDiagram(useShallow((s) => s.scene.watches['e:controller-manager'] ?? []));
  return (
    <NodeFrame icon="cog" title={t.diagram.controllerManager} subtitle={watching.length ? t.diagram.watchingList(watching) : t.diagram.idleComponent} active={active} accent="emerald">
      <div className="mt-2 text-[12px] leading-snug text-slate-400">Deployment · ReplicaSet · ServiceAccount · garbage collector</div>
      <Handle type="target" position={Position.Top} isConnectable={false} />
    </NodeFrame>
  );
});
