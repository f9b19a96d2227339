// How a pod's state is drawn: an icon, a word and a colour, so colour is never the only signal.
import type { IconName } from './Icon.tsx';

export interface PhaseLook {
  icon: IconName;
  tone: 'pending' | 'progress' | 'running' | 'done' | 'failed' | 'unknown';
}

export function phaseLook(phase: string, status: string): PhaseLook {
  if (/BackOff|Err|Invalid|Failed|Error|OOMKilled/i.test(status) || phase === 'Failed') return { icon: 'x', tone: 'failed' };
  if (status === 'Terminating') return { icon: 'spinner', tone: 'progress' };
  if (phase === 'Running') return { icon: 'play', tone: 'running' };
  if (phase === 'Succeeded' || status === 'Completed') return { icon: 'check', tone: 'done' };
  if (/Creating|Init|Pulling/i.test(status)) return { icon: 'spinner', tone: 'progress' };
  if (phase === 'Pending') return { icon: 'clock', tone: 'pending' };
  return { icon: 'question', tone: 'unknown' };
}
