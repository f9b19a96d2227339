import { Handle, Position, type NodeProps, type Node } from '@xyflow/react';
import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Icon, type IconName } from '../../common/Icon.tsx';
import { useDiagram } from '../../store/diagramStore.ts';
import { t } from '../../text/index.ts';
import { HANDLE, type ApiserverData } from '../layout.ts';
import { STAGES, type StageId, type StageState } from '../scene.ts';

const stageIcon: Record<StageId, IconName> = {
  authentication: 'key',
  authorization: 'shield',
  mutatingAdmission: 'pencil',
  validation: 'list',
  validatingAdmission: 'filter',
  storage: 'database',
};

/** What each stage asks, in the terms a Kubernetes user meets again (Admit may mutate, Validate may not). */
const stageQuestion: Record<StageId, string> = {
  authentication: 'who is asking?',
  authorization: 'may they do this?',
  mutatingAdmission: 'Admit: plugins may change it',
  validation: 'is the object well-formed?',
  validatingAdmission: 'Validate: plugins may refuse',
  storage: 'write to etcd, answer',
};

const statusIcon: Record<StageState, IconName | null> = { idle: null, done: 'check', active: null, denied: 'x' };

const StageRow = memo(function StageRow({ stage, state, index }: { stage: StageId; state: StageState; index: number }) {
  const icon = statusIcon[state];
  return (
    <li className={`stage stage-${state}`} aria-label={`${t.stageNames[stage]}: ${state}`}>
      <span className="stage-num">{index + 1}</span>
      <Icon name={stageIcon[stage]} className="size-[18px] shrink-0 opacity-80" />
      <div className="min-w-0 flex-1">
        <div className="stage-name">{t.stageNames[stage]}</div>
        <div className="stage-q">{stageQuestion[stage]}</div>
      </div>
      {state === 'active' ? <span className="stage-dot" aria-hidden="true" /> : icon ? <Icon name={icon} className="size-[18px] shrink-0" /> : null}
    </li>
  );
});

/** kube-apiserver with its handler chain inside, one row per stage. */
export const ApiserverNode = memo(function ApiserverNode({ data }: NodeProps<Node<ApiserverData>>) {
  const { stages, denial, requestLine, active } = useDiagram(useShallow((s) => ({
    stages: s.scene.stages, denial: s.scene.denial, requestLine: s.scene.requestLine, active: s.scene.active.includes('apiserver'),
  })));
  return (
    <div className={`node-card apiserver accent-sky ${active ? 'is-active' : ''}`} data-testid="apiserver">
      <div className="flex items-center gap-2">
        <span className="node-icon"><Icon name="server" className="size-[18px]" /></span>
        <div className="node-title">{t.diagram.apiserver}</div>
      </div>
      <div className="mt-1.5 h-5 truncate font-mono text-[12.5px] text-sky-200/90" title={requestLine}>{requestLine ?? ' '}</div>
      <ol className="mt-2 flex flex-col gap-1.5" aria-label="kube-apiserver stages">
        {STAGES.map((s, i) => <StageRow key={s} stage={s} index={i} state={stages[s]} />)}
      </ol>
      {denial ? (
        <div className="denial" role="note">
          <div className="flex items-center gap-1.5 font-semibold"><Icon name="alert" className="size-4" />{t.diagram.denied} · {t.stageNames[denial.stage]}</div>
          <div className="mt-1 line-clamp-5 font-mono text-[11.5px] leading-snug">{denial.message}</div>
        </div>
      ) : null}
      <Handle id="l" type="target" position={Position.Left} isConnectable={false} style={{ top: HANDLE.user }} />
      <Handle id="l-etcd" type="source" position={Position.Left} isConnectable={false} style={{ top: HANDLE.etcd }} />
      <Handle id="t-cm" type="source" position={Position.Top} isConnectable={false} style={{ left: '88%' }} />
      <Handle id="r-sched" type="source" position={Position.Right} isConnectable={false} style={{ top: HANDLE.scheduler }} />
      {data.nodes.map((n, i) => (
        <Handle key={n} id={`r-${i}`} type="source" position={Position.Right} isConnectable={false} style={{ top: HANDLE.kubelet(i) }} />
      ))}
    </div>
  );
});
