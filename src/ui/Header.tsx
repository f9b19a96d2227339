import { memo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Icon } from './common/Icon.tsx';
import { FaultsMenu } from './faults/FaultsMenu.tsx';
import { GalleryDialog } from './gallery/GalleryDialog.tsx';
import { ShareButton } from './share/ShareButton.tsx';
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
      <span className="sr-only">{t.header.user}</span>
      <select className="select w-[170px]" value={user} onChange={(e) => selectUser(e.target.value)} title={info?.description}>
        {users.map((u) => <option key={u.name} value={u.name} title={u.description}>{u.name}</option>)}
      </select>
    </label>
  );
});

const EngineStatus = memo(function EngineStatus() {
  const health = useSession((s) => s.health);
  return (
    <div className="flex items-center gap-1.5 whitespace-nowrap text-[12px] text-slate-400" role="status" aria-label="Engine status">
      <span className={`size-2 rounded-full ${health === 'ready' ? 'bg-emerald-400' : health === 'failed' ? 'bg-rose-500' : 'animate-pulse bg-amber-300'}`} />
      {t.header.worker[health]}
    </div>
  );
});

const GalleryButton = memo(function GalleryButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn btn-sm" onClick={() => setOpen(true)} title={t.header.galleryHint} aria-haspopup="dialog">
        <Icon name="grid" className="size-4" /> {t.header.gallery}
      </button>
      <GalleryDialog open={open} onClose={() => setOpen(false)} />
    </>
  );
});

export const Header = memo(function Header() {
  const title = useSession((s) => s.scenario?.title);
  return (
    <header className="app-header">
      <div className="flex items-center gap-2.5">
        <span className="logo" aria-hidden="true"><Icon name="box" className="size-[18px]" /></span>
        <div className="leading-tight">
          <h1 className="whitespace-nowrap text-[15px] font-semibold text-slate-50">{t.appTitle} <span className="font-normal text-slate-400">— {t.appSubtitle}</span></h1>
          <div className="whitespace-nowrap text-[11.5px] text-slate-400">{t.kubernetesVersion}{title ? <> · <span className="font-mono">{title}</span></> : null}</div>
        </div>
      </div>
      <div className="flex items-center gap-3">
        <GalleryButton />
        <FaultsMenu />
        <ShareButton />
        <span className="mx-1 h-6 w-px bg-white/10" aria-hidden="true" />
        <UserSwitcher />
        <EngineStatus />
      </div>
    </header>
  );
});
