// models k8s.io/apimachinery/pkg/util/duration/duration.go and the translateTimestampSince helper of
// pkg/printers/internalversion/printers.go. Durations are in milliseconds; Go truncates toward zero.
import { parseRfc3339 } from '../../clock.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Up to two seconds in the future still reads as "0s" (clock skew tolerance); further is "<invalid>". */
function skewed(ms: number): string | undefined {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  return undefined;
}

/** duration.HumanDuration: ~2-3 significant figures, e.g. "45s", "2m30s", "10m", "3h5m", "2d3h", "3y20d". */
export function humanDuration(ms: number): string {
  const early = skewed(ms);
  if (early !== undefined) return early;
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) {
    const dy = days % 365;
    return dy === 0 ? `${years}y` : `${years}y${dy}d`;
  }
  return `${years}y`;
}

/** duration.ShortHumanDuration: one unit only, e.g. "45s", "2m", "3h", "2d", "1y". */
export function shortHumanDuration(ms: number): string {
  const early = skewed(ms);
  if (early !== undefined) return early;
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.trunc(hours / 24)}d`;
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/**
 * The AGE-style cell: time elapsed from an RFC 3339 timestamp to `nowMs` (virtual wall time, ms since the
 * epoch), or "<unknown>" for a missing (zero) timestamp.
 */
export function translateTimestampSince(timestamp: string | null | undefined, nowMs: number): string {
  if (!timestamp) return '<unknown>';
  const at = parseRfc3339(timestamp);
  if (at === undefined) return '<unknown>';
  return humanDuration(nowMs - at);
}
