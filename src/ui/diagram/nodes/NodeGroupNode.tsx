import type { Node, NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Icon } from '../../common/Icon.tsx';
import { useFault } from '../../faults/useFaults.ts';
import { useSession } from '../../store/sessionStore.ts';
import { t } from '../../text/index.ts';
import type { GroupData } from '../layout.ts';
import { PodChip } from './PodChip.tsx';

/** One Node (machine): its kubelet and containerd are child nodes; its pods are chips along the bottom. */
export const NodeGroupNode = memo(function NodeGroupNode({ data }: NodeProps<Node<GroupData>>) {
  const view = useSession((s) => s.snapshot?.nodes.find((n) => n.name === data.node));
  const full = useFault((f) => f.fullNodes.includes(data.node));
  const pods = useSession(useShallow((s) => (s.snapshot?.pods ?? []).filter((p) => p.node === data.node)));
  return (
    <section className="node-group" aria-label={`${t.diagram.node} ${data.node}`}>
      <header className="flex items-center gap-2">
        <Icon name="cpu" className="size-4 text-slate-400" />
        <span className="text-[14px] font-semibold text-slate-100">{data.node}</span>
        {view ? <span className={`badge ${view.ready ? 'badge-ok' : 'badge-bad'}`}>{view.ready ? 'Ready' : 'NotReady'}</span> : null}
        {full ? <span className="badge badge-bad">{t.faults.fullBadge}</span> : null}
        <span className="flex-1" />
        {view && view.taints.length > 0 ? <span className="badge badge-taint" title={view.taints.join(', ')}>{t.diagram.tainted(view.taints[0] ?? '')}</span> : null}
      </header>
      <ul className="absolute right-3 bottom-2.5 left-3 flex gap-1.5 overflow-hidden" aria-label={`Pods on ${data.node}`}>
        {pods.length === 0 ? <li className="text-[12px] text-slate-400">{t.diagram.noPods}</li> : pods.slice(0, 3).map((p) => <PodChip key={`${p.namespace}/${p.name}`} pod={p} />)}
        {pods.length > 3 ? <li className="self-center text-[12px] text-slate-400">+{pods.length - 3}</li> : null}
      </ul>
    </section>
  );
});
