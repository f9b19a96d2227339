import { Handle, Position } from '@xyflow/react';
import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useDiagram } from '../../store/diagramStore.ts';
import { useEditor } from '../../store/editorStore.ts';
import { useSession } from '../../store/sessionStore.ts';
import { t } from '../../text/index.ts';
import { Icon } from '../../common/Icon.tsx';

/** The learner at their terminal: the kubeconfig user they act as, and the last command they ran. */
export const UserNode = memo(function UserNode() {
  const user = useEditor((s) => s.user);
  const active = useDiagram((s) => s.scene.active.includes('user'));
  const { info, command } = useSession(useShallow((s) => ({
    info: s.scenario?.users.find((u) => u.name === user),
    command: s.outputs[s.outputs.length - 1]?.command,
  })));
  return (
    <div className={`node-card terminal accent-slate ${active ? 'is-active' : ''}`}>
      <div className="flex items-center gap-1.5 border-b border-white/5 pb-2">
        <span className="size-2.5 rounded-full bg-rose-400/70" /><span className="size-2.5 rounded-full bg-amber-300/70" /><span className="size-2.5 rounded-full bg-emerald-400/70" />
        <span className="ml-2 text-[13px] font-medium text-slate-300">{t.diagram.terminal}</span>
      </div>
      <div className="mt-2 font-mono text-[13px] leading-snug text-slate-300">
        <span className="text-emerald-300">$</span> {command ?? `${t.diagram.kubectl} apply -f …`}
      </div>
      <div className="mt-3 flex items-center gap-2 text-[14px]">
        <Icon name="user" className="size-4 shrink-0 text-sky-300" />
        <span className="break-all font-semibold leading-tight text-slate-50">{info?.identity ?? user}</span>
      </div>
      <div className="mt-1 line-clamp-2 text-[12px] text-slate-400">{t.diagram.groups}: {info?.groups.join(', ') ?? '—'}</div>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
});
