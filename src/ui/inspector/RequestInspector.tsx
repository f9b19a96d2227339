import { memo } from 'react';
import { t } from '../text/index.ts';
import { Empty, Field, Section } from './common.tsx';
import type { RequestView } from './requestView.ts';

export const RequestInspector = memo(function RequestInspector({ view }: { view: RequestView | undefined }) {
  if (!view) return <Empty>{t.inspector.noRequest}</Empty>;
  const { request, authn, authz, response } = view;
  const attrs = authz[authz.length - 1]?.attributes;
  return (
    <div>
      <Section title={t.inspector.tabs.request}>
        <dl>
          <Field label={t.inspector.method}>{request.method}</Field>
          <Field label={t.inspector.path}>{request.path}</Field>
          <Field label={t.inspector.from}>{t.actorName(request.from)}</Field>
          <Field label={t.inspector.user}>{authn?.user?.name ?? '—'}</Field>
          <Field label={t.inspector.groups}>{authn?.user?.groups.join(', ') || '—'}</Field>
          <Field label={t.inspector.authenticator}>{authn?.authenticator ?? '—'}</Field>
        </dl>
      </Section>
      {attrs ? (
        <Section title={t.inspector.attributes}>
          <dl>
            <Field label="verb">{attrs.verb}</Field>
            {attrs.resourceRequest ? (
              <>
                <Field label="apiGroup">{attrs.apiGroup === '' ? '"" (core)' : attrs.apiGroup}</Field>
                <Field label="resource">{attrs.resource}{attrs.subresource ? `/${attrs.subresource}` : ''}</Field>
                <Field label="namespace">{attrs.namespace || '—'}</Field>
                <Field label="name">{attrs.name || '—'}</Field>
              </>
            ) : <Field label="path">{attrs.path}</Field>}
          </dl>
        </Section>
      ) : null}
      <Section title={t.inspector.response}>
        {response ? (
          <dl>
            <Field label="code"><span className={response.code >= 400 ? 'text-rose-300' : 'text-emerald-300'}>{response.code}</span></Field>
            {response.status ? (
              <>
                <Field label="reason">{response.status.reason ?? '—'}</Field>
                <Field label="message">{response.status.message ?? '—'}</Field>
              </>
            ) : <Field label="body">{response.summary}</Field>}
          </dl>
        ) : <p className="text-[13px] text-slate-400">{t.inspector.pending}</p>}
      </Section>
    </div>
  );
});
