import type { ReactNode } from 'react';

export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[104px_1fr] gap-2 py-1">
      <dt className="text-[12px] font-medium text-slate-400">{label}</dt>
      <dd className="min-w-0 break-words font-mono text-[12.5px] text-slate-100">{children}</dd>
    </div>
  );
}

/** A titled block; `name` titles (an authorizer, a plugin) keep their spelling, others are small caps. */
export function Section({ title, children, name = false }: { title: string; children: ReactNode; name?: boolean }) {
  return (
    <section className="mt-3 first:mt-0">
      <h3 className={name ? 'mb-1.5 font-mono text-[12.5px] font-semibold text-slate-200' : 'mb-1.5 text-[11px] font-semibold uppercase tracking-wider text-slate-400'}>{title}</h3>
      {children}
    </section>
  );
}

export function Code({ children }: { children: string }) {
  return <pre className="code-block">{children}</pre>;
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="py-6 text-center text-[13px] text-slate-400">{children}</p>;
}

/** A compact YAML-ish rendering of small JSON values (rules, patch values). */
export function toYamlish(v: unknown, indent = ''): string {
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    if (v.every((x) => typeof x !== 'object' || x === null)) return `[${v.map((x) => JSON.stringify(x)).join(', ')}]`;
    return v.map((x) => `\n${indent}- ${toYamlish(x, indent + '  ').replace(/^\n\s*/, '')}`).join('');
  }
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length === 0) return '{}';
    return entries.map(([k, x]) => `\n${indent}${k}: ${toYamlish(x, indent + '  ')}`).join('');
  }
  return JSON.stringify(v);
}
