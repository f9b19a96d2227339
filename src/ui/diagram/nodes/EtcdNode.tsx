import { Handle, Position } from '@xyflow/react';
import { memo } from 'react';
import { useDiagram } from '../../store/diagramStore.ts';
import { useSession } from '../../store/sessionStore.ts';
import { t } from '../../text/index.ts';
import { NodeFrame } from '../nodeFrame.tsx';

export const EtcdNode = memo(function EtcdNode() {
  const active = useDiagram((s) => s.scene.active.includes('etcd'));
  const revision = useSession((s) => s.snapshot?.revision ?? 0);
  const keys = useSession((s) => s.snapshot?.keys.length ?? 0);
  return (
    <NodeFrame icon="database" title={t.diagram.etcd} subtitle="MVCC key-value store" active={active} accent="amber">
      <div className="mt-2 flex gap-3 font-mono text-[13px] text-amber-100/90">
        <span>{t.diagram.revision(revision)}</span>
        <span className="text-slate-400">{t.diagram.keys(keys)}</span>
      </div>
      <Handle type="target" position={Position.Right} isConnectable={false} />
    </NodeFrame>
  );
});
