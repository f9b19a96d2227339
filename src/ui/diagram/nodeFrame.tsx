// The card every diagram node is drawn in: an icon, a title, and a glow while the node is working.
import type { ReactNode } from 'react';
import { Icon, type IconName } from '../common/Icon.tsx';

export function NodeFrame({ icon, title, subtitle, active, children, className = '', accent = 'sky' }: {
  icon: IconName; title: string; subtitle?: string | undefined; active: boolean; children?: ReactNode; className?: string; accent?: 'sky' | 'amber' | 'violet' | 'emerald' | 'slate';
}) {
  return (
    <div className={`node-card accent-${accent} ${active ? 'is-active' : ''} ${className}`}>
      <div className="flex items-center gap-2">
        <span className="node-icon"><Icon name={icon} className="size-[18px]" /></span>
        <div className="min-w-0">
          <div className="node-title">{title}</div>
          {subtitle ? <div className="node-subtitle truncate">{subtitle}</div> : null}
        </div>
      </div>
      {children}
    </div>
  );
}
