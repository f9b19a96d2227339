import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { Icon } from '../../common/Icon.tsx';
import { useFault } from '../../faults/useFaults.ts';
import { useDiagram } from '../../store/diagramStore.ts';
import { t } from '../../text/index.ts';
import type { InnerData } from '../layout.ts';

/** A kubelet or containerd inside a Node group. */
export const InnerNode = memo(function InnerNode({ id, data }: NodeProps<Node<InnerData>>) {
  const active = useDiagram((s) => s.scene.active.includes(id));
  const watching = useDiagram((s) => (data.role === 'kubelet' ? (s.scene.watches[`e:${id}`]?.length ?? 0) > 0 : false));
  const isKubelet = data.role === 'kubelet';
  const stopped = useFault((f) => isKubelet && f.stoppedKubelets.includes(data.node));
  return (
    <div className={`inner-card ${isKubelet ? 'accent-sky' : 'accent-slate'} ${active ? 'is-active' : ''} ${stopped ? 'is-stopped' : ''}`}>
      <Icon name={isKubelet ? 'cog' : 'box'} className="size-4 shrink-0 opacity-80" />
      <div className="min-w-0">
        <div className="text-[13.5px] font-semibold text-slate-100">{isKubelet ? t.diagram.kubelet : t.diagram.containerd}</div>
        <div className="truncate text-[11px] text-slate-400">{isKubelet ? (stopped ? t.faults.stopped : watching ? `${t.diagram.watching} pods` : t.diagram.idleComponent) : 'CRI runtime'}</div>
      </div>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      {isKubelet ? <Handle id="r" type="source" position={Position.Right} isConnectable={false} /> : null}
    </div>
  );
});
