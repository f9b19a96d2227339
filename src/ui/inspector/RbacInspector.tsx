import { memo } from 'react';
import { Icon } from '../common/Icon.tsx';
import { t } from '../text/index.ts';
import { Code, Empty, Field, Section, toYamlish } from './common.tsx';
import type { RequestView } from './requestView.ts';

export const RbacInspector = memo(function RbacInspector({ view }: { view: RequestView | undefined }) {
  if (!view || view.authz.length === 0) return <Empty>{t.inspector.noAuthz}</Empty>;
  const final = view.authz.find((a) => a.decision !== 'NoOpinion') ?? view.authz[view.authz.length - 1];
  const allowed = final?.decision === 'Allow';
  const denied = view.response?.code === 403 ? view.response : undefined;
  return (
    <div>
      {view.authz.map((a) => (
        <Section key={a.seq} title={`${a.authorizer} authorizer`} name>
          <div className={`decision decision-${a.decision === 'Allow' ? 'allow' : a.decision === 'Deny' ? 'deny' : 'none'}`}>
            <Icon name={a.decision === 'Allow' ? 'check' : a.decision === 'Deny' ? 'x' : 'question'} className="size-4" />
            <span className="font-semibold">{a.decision}</span>
            {a.reason ? <span className="min-w-0 truncate text-slate-300" title={a.reason}>{a.reason}</span> : null}
          </div>
          {a.match ? (
            <dl className="mt-1.5">
              <Field label={t.inspector.binding}>{a.match.binding}</Field>
              <Field label={t.inspector.role}>{a.match.role}</Field>
              <Field label={t.inspector.rule}>#{a.match.ruleIndex}</Field>
            </dl>
          ) : null}
          {a.match ? <Code>{toYamlish(a.match.rule).trimStart()}</Code> : null}
          {a.authorizer === 'RBAC' && !a.match ? (
            <div className="mt-2">
              <div className="text-[12px] font-medium text-slate-400">{t.inspector.considered}</div>
              <ul className="mt-1 space-y-0.5 font-mono text-[12px] text-slate-200">
                {a.considered.length === 0 ? <li className="text-slate-400">{t.inspector.noneConsidered}</li> : a.considered.map((b) => <li key={b}>· {b}</li>)}
              </ul>
            </div>
          ) : null}
        </Section>
      ))}
      {!allowed && denied ? (
        <Section title={t.inspector.denialMessage}>
          <div className="denial-box" data-testid="rbac-denial">
            <div className="font-semibold">{denied.code} {denied.status?.reason}</div>
            <div className="mt-1 font-mono text-[12.5px] leading-snug">{denied.status?.message}</div>
          </div>
        </Section>
      ) : null}
    </div>
  );
});
