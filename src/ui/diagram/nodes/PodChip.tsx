import { memo } from 'react';
import { Icon } from '../../common/Icon.tsx';
import { phaseLook } from '../../common/podPhase.ts';
import { t } from '../../text/index.ts';
import type { PodView } from '../../../worker/protocol.ts';

/** A pod: icon, name and kubectl's STATUS word, coloured by phase (colour is never the only signal). */
export const PodChip = memo(function PodChip({ pod }: { pod: PodView }) {
  const look = phaseLook(pod.phase, pod.status);
  return (
    <li className={`pod-chip tone-${look.tone}`} aria-label={t.pod.chip(pod.name, pod.status)}>
      <Icon name={look.icon} filled={look.icon === 'play'} className={`size-3.5 shrink-0 ${look.tone === 'progress' ? 'animate-spin-slow' : ''}`} />
      <span className="truncate font-medium">{pod.name}</span>
      <span className="pod-status">{pod.status}</span>
    </li>
  );
});
