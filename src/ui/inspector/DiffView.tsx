import { memo, useMemo } from 'react';
import { t } from '../text/index.ts';
import { lineDiff } from './lineDiff.ts';

/** A unified diff of two texts (YAML or JSON), with folded unchanged stretches. */
export const DiffView = memo(function DiffView({ before, after, label }: { before: string; after: string; label: string }) {
  const rows = useMemo(() => lineDiff(before, after), [before, after]);
  if (rows.length === 0) return <p className="diff-none">{t.inspector.unchanged}</p>;
  return (
    <div className="diff" role="table" aria-label={label} tabIndex={0}>
      {rows.map((r, i) => (r.kind === 'gap' ? (
        <div key={i} role="row" className="diff-gap"><span role="cell">⋯ {t.inspector.hiddenLines(r.hidden)}</span></div>
      ) : (
        <div key={i} role="row" className={`diff-row diff-${r.kind}`}>
          <span role="cell" className="diff-sign" aria-label={r.kind === 'add' ? 'added' : r.kind === 'del' ? 'removed' : 'unchanged'}>{r.kind === 'add' ? '+' : r.kind === 'del' ? '−' : ' '}</span>
          <span role="cell" className="diff-text">{r.text}</span>
        </div>
      )))}
    </div>
  );
});
