import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Icon } from './common/Icon.tsx';
import { selectUser, useEditor } from './store/editorStore.ts';
import { useSession } from './store/sessionStore.ts';
import { t } from './text/index.ts';

const UserSwitcher = memo(function UserSwitcher() {
  const user = useEditor((s) => s.user);
  const users = useSession(useShallow((s) => s.scenario?.users ?? []));
  const info = users.find((u) => u.name === user);
  return (
    <label className="flex items-center gap-2 text-[13px]">
      <Icon name="user" className="size-4 text-slate-400" />
      <span className="text-slate-400">{t.header.user}</span>
      <select className="select min-w-40" value={user} onChange={(e) => selectUser(e.target.value)} title={info?.description}>
        {users.map((u) => <option key={u.name} value={u.name}>{u.name}{u.description ? ` — ${u.description}` : ''}</option>)}
      </select>
    </label>
  );
});

const EngineStatus = memo(function EngineStatus() {
  const health = useSession((s) => s.health);
  return (
    <div className="flex items-center gap-1.5 text-[12px] text-slate-400" role="status" aria-label="Engine status">
      <span className={`size-2 rounded-full ${health === 'ready' ? 'bg-emerald-400' : health === 'failed' ? 'bg-rose-500' : 'animate-pulse bg-amber-300'}`} />
      {t.header.worker[health]}
    </div>
  );
});

export const Header = memo(function Header() {
  const title = useSession((s) => s.scenario?.title);
  return (
    <header className="app-header">
      <div className="flex items-center gap-2.5">
        <span className="logo" aria-hidden="true"><Icon name="box" className="size-[18px]" /></span>
        <div className="leading-tight">
          <h1 className="text-[15px] font-semibold text-slate-50">{t.appTitle} <span className="font-normal text-slate-400">— {t.appSubtitle}</span></h1>
          <div className="text-[11.5px] text-slate-400">{t.kubernetesVersion}{title ? <> · <span className="font-mono">{title}</span></> : null}</div>
        </div>
      </div>
      <div className="flex items-center gap-5">
        <UserSwitcher />
        <EngineStatus />
      </div>
    </header>
  );
});
