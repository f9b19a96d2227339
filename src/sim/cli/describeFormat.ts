// The text machinery `kubectl describe` shares between describers: its prefix writer over Go's text/tabwriter
// (minwidth 0, padding 2, padchar ' '), label/annotation/toleration lists, RFC 1123Z times and the Events table.
// models staging/src/k8s.io/kubectl/pkg/describe/describe.go (PrefixWriter, tabbedString, printLabelsMultiline,
// printAnnotationsMultiline, printPodTolerationsMultiline, DescribeEvents) and kubectl/pkg/util/event (SortableEvents).
import type { Event } from 'kubernetes-types/core/v1';
import { formatRfc3339, parseRfc3339 } from '../clock.ts';
import { humanDuration } from '../apiserver/printers/duration.ts';
import { tabwrite } from '../apiserver/printers/tabwriter.ts';

/** The describe output in pieces: each piece was aligned on its own (a Flush ends one) and names its request. */
export interface DescribeSegment {
  text: string;
  span?: number;
}

/**
 * kubectl's PrefixWriter: each level indents two spaces. Text is buffered until flush(), which aligns the
 * tab-separated cells of what was written since the last flush, as Go's tabwriter does on Flush.
 */
export class PrefixWriter {
  readonly segments: DescribeSegment[] = [];
  private buffer = '';
  private span: number | undefined;

  /** The request whose answer the text written from now on reports. */
  setSpan(span: number | undefined): void {
    this.span = span;
  }

  write(level: number, text: string): void {
    this.buffer += '  '.repeat(level) + text;
  }

  flush(): void {
    if (this.buffer === '') return;
    const lines = this.buffer.split('\n');
    // A trailing newline ends the last line rather than starting an empty one.
    if (lines[lines.length - 1] === '') lines.pop();
    const text = tabwrite(lines.map((l) => l.split('\t')), { minWidth: 0, padding: 2 });
    this.segments.push(this.span === undefined ? { text } : { text, span: this.span });
    this.buffer = '';
  }

  /** Everything written, flushed. */
  done(): DescribeSegment[] {
    this.flush();
    return this.segments;
  }
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go's time.RFC1123Z layout ("Mon, 02 Jan 2006 15:04:05 -0700") in UTC; the zero time for a missing value. */
export function rfc1123z(timestamp: string | undefined): string {
  const ms = timestamp === undefined ? undefined : parseRfc3339(timestamp);
  if (ms === undefined) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  const iso = formatRfc3339(ms);
  const days = Math.floor(ms / 86_400_000);
  const weekday = DAYS[(((days + 4) % 7) + 7) % 7] ?? '';
  return `${weekday}, ${iso.slice(8, 10)} ${MONTHS[Number(iso.slice(5, 7)) - 1] ?? ''} ${iso.slice(0, 4)} ${iso.slice(11, 19)} +0000`;
}

/** translateTimestampSince: "<unknown>" for a missing time, else duration.HumanDuration of the time since. */
export function since(timestamp: string | undefined | null, nowMs: number): string {
  const ms = timestamp ? parseRfc3339(timestamp) : undefined;
  if (ms === undefined) return '<unknown>';
  return humanDuration(nowMs - ms);
}

/** printLabelsMultiline: "Title:\t<none>" or one sorted key=value per line, later lines under the first value. */
export function labelsMultiline(w: PrefixWriter, title: string, labels: Readonly<Record<string, string>> | undefined, initialIndent = ''): void {
  w.write(0, `${initialIndent}${title}:\t`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  keys.forEach((k, i) => {
    if (i > 0) w.write(0, `${initialIndent}\t`);
    w.write(0, `${k}=${labels?.[k] ?? ''}\n`);
  });
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const MAX_ANNOTATION_LEN = 140;

/** printAnnotationsMultiline: last-applied-configuration is hidden; long or multi-line values go below the key. */
export function annotationsMultiline(w: PrefixWriter, title: string, annotations: Readonly<Record<string, string>> | undefined): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {}).filter((k) => k !== LAST_APPLIED).sort();
  if (keys.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  keys.forEach((k, i) => {
    if (i > 0) w.write(0, '\t');
    const value = (annotations?.[k] ?? '').replace(/\n$/, '');
    if (value.length + k.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(0, `${k}:\n`);
      for (const s of value.split('\n')) {
        w.write(0, `\t  ${s.length > MAX_ANNOTATION_LEN - 2 ? `${s.slice(0, MAX_ANNOTATION_LEN - 2)}...` : s}\n`);
      }
    } else {
      w.write(0, `${k}: ${value}\n`);
    }
  });
}

interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

/** printPodTolerationsMultiline: sorted by key; "key=value:Effect", " op=Exists", " for Ns". */
export function tolerationsMultiline(w: PrefixWriter, title: string, tolerations: readonly Toleration[] | undefined): void {
  w.write(0, `${title}:\t`);
  if (!tolerations || tolerations.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  // Go's sort.Slice; for the few tolerations a pod has it keeps equal keys in order, as a stable sort would.
  const sorted = [...tolerations].sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0));
  sorted.forEach((t, i) => {
    if (i > 0) w.write(0, '\t');
    let text = t.key ?? '';
    if (t.value) text += `=${t.value}`;
    if (t.effect) text += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) text += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined) text += ` for ${t.tolerationSeconds}s`;
    w.write(0, `${text}\n`);
  });
}

/** The time SortableEvents orders by: the series' last observation, else lastTimestamp, else eventTime. */
function eventSortTime(e: Event): number {
  const t = e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime;
  return (t ? parseRfc3339(t) : undefined) ?? Number.NEGATIVE_INFINITY;
}

/**
 * DescribeEvents: "Events:\t<none>", or (after a flush, so the table aligns on its own) the events oldest first
 * with kubectl's Age column: "5s", "<invalid>", "2m (x3 over 10m)".
 */
export function describeEvents(w: PrefixWriter, events: readonly Event[], nowMs: number, span?: number): void {
  if (events.length === 0) {
    w.write(0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  w.setSpan(span);
  // Stable, as Go's insertion sort is for the short lists describe shows.
  const sorted = [...events].sort((a, b) => eventSortTime(a) - eventSortTime(b));
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const first = e.eventTime ? since(e.eventTime, nowMs) : since(e.firstTimestamp, nowMs);
    let age = first;
    if (e.series) age = `${since(e.series.lastObservedTime, nowMs)} (x${e.series.count ?? 0} over ${first})`;
    else if ((e.count ?? 0) > 1) age = `${since(e.lastTimestamp, nowMs)} (x${e.count ?? 0} over ${first})`;
    const source = e.source?.component || e.reportingComponent || '';
    w.write(1, `${e.type ?? ''}\t${e.reason ?? ''}\t${age}\t${source}\t${(e.message ?? '').trim()}\n`);
  }
}
