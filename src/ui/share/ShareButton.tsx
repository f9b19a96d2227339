import { memo, useEffect, useRef, useState } from 'react';
import { Icon } from '../common/Icon.tsx';
import { currentScenario } from '../engine/engine.ts';
import { useEditor } from '../store/editorStore.ts';
import { useSession } from '../store/sessionStore.ts';
import { t } from '../text/index.ts';
import { sharedSession, shareLink } from './shareLink.ts';

/** Copies a link that replays this session; the link also stays on screen, selectable, for when copying fails. */
export const ShareButton = memo(function ShareButton() {
  const [link, setLink] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!link) return;
    const close = (e: MouseEvent | KeyboardEvent): void => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !box.current?.contains(e.target as Node)) setLink(null);
    };
    window.addEventListener('mousedown', close);
    window.addEventListener('keydown', close);
    return () => {
      window.removeEventListener('mousedown', close);
      window.removeEventListener('keydown', close);
    };
  }, [link]);
  const share = (): void => {
    const scenario = currentScenario();
    if (!scenario) return;
    const { files, user } = useEditor.getState();
    const url = shareLink(window.location, sharedSession(scenario, useSession.getState().snapshot, files, user));
    setLink(url);
    setCopied(false);
    void navigator.clipboard?.writeText(url).then(() => setCopied(true), () => setCopied(false));
  };
  return (
    <div className="relative" ref={box}>
      <button type="button" className="btn btn-sm" onClick={share} title={t.header.shareHint} aria-expanded={link !== null}>
        <Icon name="link" className="size-4" /> {t.header.share}
      </button>
      {link ? (
        <div className="share-pop" role="dialog" aria-label={t.header.share}>
          <p className="text-[12.5px] text-slate-300" role="status">{copied ? t.header.shareCopied : t.header.shareManual}</p>
          <input className="input mt-2 font-mono text-[11.5px]" readOnly value={link} aria-label={t.header.share} onFocus={(e) => e.currentTarget.select()} />
        </div>
      ) : null}
    </div>
  );
});
