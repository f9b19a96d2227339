import { memo, useEffect, useRef } from 'react';
import { gallery } from '../../sim/scenario/gallery.ts';
import { SCENARIO_PARAM } from '../../sim/scenario/scenarioCodec.ts';
import { Icon } from '../common/Icon.tsx';
import { useSession } from '../store/sessionStore.ts';
import { t } from '../text/index.ts';

/** The gallery of scenarios, as links (`?scenario=<name>`): opening one loads the page afresh on that story. */
export const GalleryDialog = memo(function GalleryDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const current = useSession((s) => s.scenario?.name);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="gallery" aria-labelledby="gallery-title" onClose={onClose} onClick={(e) => { if (e.target === ref.current) onClose(); }}>
      <div className="flex items-start gap-3">
        <div className="flex-1">
          <h2 id="gallery-title" className="text-[17px] font-semibold text-slate-50">{t.gallery.title}</h2>
          <p className="mt-1 text-[13px] text-slate-400">{t.gallery.intro}</p>
        </div>
        <button type="button" className="icon-btn" aria-label={t.gallery.close} onClick={onClose}><Icon name="x" className="size-4" /></button>
      </div>
      <ul className="gallery-grid">
        {gallery.map((s) => (
          <li key={s.name}>
            <a className={`gallery-card ${s.name === current ? 'is-current' : ''}`} href={`?${SCENARIO_PARAM}=${encodeURIComponent(s.name)}`} aria-current={s.name === current ? 'page' : undefined}>
              <span className="flex items-center gap-2">
                <span className="gallery-title">{s.title}</span>
                {s.name === current ? <span className="badge badge-ok">{t.gallery.current}</span> : null}
              </span>
              <span className="gallery-desc">{s.description}</span>
              <span className="gallery-files">{s.files.map((f) => f.name).join(' · ')}</span>
            </a>
          </li>
        ))}
      </ul>
    </dialog>
  );
});
