import { memo, useEffect } from 'react';
import { Icon } from './common/Icon.tsx';
import { dismissNotice, useSession } from './store/sessionStore.ts';
import { t } from './text/index.ts';

/** Says so when the engine had to be restarted; goes away by itself after a while. */
export const WorkerNotice = memo(function WorkerNotice() {
  const notice = useSession((s) => s.notice);
  useEffect(() => {
    if (!notice) return;
    const id = window.setTimeout(dismissNotice, 12_000);
    return () => window.clearTimeout(id);
  }, [notice]);
  if (!notice) return null;
  return (
    <div className="toast" role="alert">
      <Icon name="alert" className="size-5 shrink-0 text-amber-300" />
      <span>{notice}</span>
      <button type="button" className="link-btn" onClick={dismissNotice}>{t.workerNotice.dismiss}</button>
    </div>
  );
});
