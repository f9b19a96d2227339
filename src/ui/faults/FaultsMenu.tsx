// Failures a teacher switches on and off while the diagram keeps playing: a non-modal panel under its button.
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { Fault } from '../../sim/faults.ts';
import { Icon } from '../common/Icon.tsx';
import { engine } from '../engine/engine.ts';
import { useEditor } from '../store/editorStore.ts';
import { useSession } from '../store/sessionStore.ts';
import { t } from '../text/index.ts';
import { imagesIn } from './faultState.ts';
import { useFaults } from './useFaults.ts';

const NO_NODES: string[] = [];

function Switch({ label, on, onChange }: { label: string; on: boolean; onChange: (on: boolean) => void }) {
  return (
    <button type="button" role="switch" aria-checked={on} className="switch-row" onClick={() => onChange(!on)}>
      <span className={`switch ${on ? 'is-on' : ''}`} aria-hidden="true"><span /></span>
      <span className="font-mono text-[12.5px]">{label}</span>
    </button>
  );
}

export const FaultsMenu = memo(function FaultsMenu() {
  const [open, setOpen] = useState(false);
  const [extra, setExtra] = useState('');
  const ref = useRef<HTMLDialogElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const nodes = useSession((s) => s.scenario?.nodes ?? NO_NODES);
  const files = useEditor((s) => s.files);
  const user = useEditor((s) => s.user);
  const faults = useFaults();
  const images = useMemo(() => [...new Set([...imagesIn(files.map((f) => f.content)), ...faults.unavailableImages])].sort(), [files, faults.unavailableImages]);
  const active = faults.stoppedKubelets.length + faults.fullNodes.length + faults.unavailableImages.length;

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.show();
    if (!open && d.open) d.close();
  }, [open]);

  const inject = (fault: Fault): void => engine.fault(user, fault);
  const close = (): void => {
    setOpen(false);
    button.current?.focus();
  };

  return (
    <div className="relative">
      <button ref={button} type="button" className="btn btn-sm" onClick={() => setOpen((o) => !o)} aria-expanded={open} aria-controls="faults-panel" title={t.faults.hint}>
        <Icon name="zap" className="size-4" /> {t.faults.button}
        {active > 0 ? <span className="badge badge-bad">{active}</span> : null}
      </button>
      <dialog id="faults-panel" ref={ref} className="faults-panel" aria-labelledby="faults-title" onClose={() => setOpen(false)}
        onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); close(); } }}>
        <div className="flex items-start gap-3">
          <h2 id="faults-title" className="flex-1 text-[15px] font-semibold text-slate-50">{t.faults.title}</h2>
          <button type="button" className="icon-btn icon-btn-sm" aria-label={t.faults.close} onClick={close}><Icon name="x" className="size-4" /></button>
        </div>
        <p className="mt-1 text-[12.5px] leading-snug text-slate-400">{t.faults.intro}</p>
        <fieldset className="mt-3">
          <legend className="faults-legend">{t.faults.kubelets}</legend>
          {nodes.map((n) => (
            <Switch key={n} label={t.faults.kubeletRunning(n)} on={!faults.stoppedKubelets.includes(n)} onChange={(on) => inject({ kind: 'kubelet', node: n, running: on })} />
          ))}
        </fieldset>
        <fieldset className="mt-3">
          <legend className="faults-legend">{t.faults.nodeFull}</legend>
          {nodes.map((n) => (
            <Switch key={n} label={t.faults.full(n)} on={faults.fullNodes.includes(n)} onChange={(on) => inject({ kind: 'fill', node: n, full: on })} />
          ))}
        </fieldset>
        <fieldset className="mt-3">
          <legend className="faults-legend">{t.faults.registry}</legend>
          {images.map((img) => (
            <Switch key={img} label={t.faults.imageUnavailable(img)} on={faults.unavailableImages.includes(img)} onChange={(on) => inject({ kind: 'image', image: img, available: !on })} />
          ))}
          <form className="mt-1.5 flex gap-2" onSubmit={(e) => {
            e.preventDefault();
            const image = extra.trim();
            if (image) inject({ kind: 'image', image, available: false });
            setExtra('');
          }}>
            <input className="input h-8 flex-1 font-mono text-[12.5px]" value={extra} onChange={(e) => setExtra(e.target.value)} placeholder="busybox:1.36" aria-label={t.faults.addImage} />
            <button type="submit" className="btn btn-sm" disabled={extra.trim() === ''}>{t.faults.add}</button>
          </form>
        </fieldset>
      </dialog>
    </div>
  );
});
