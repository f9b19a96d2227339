import { describe, expect, it } from 'vitest';
import { openApiDocumentTexts } from '../../../generated/openapi/documents.ts';
import { RESOURCES } from '../../../sim/apiserver/resources.ts';
import { kubernetesJsonSchema, type OpenApiDocument } from './kubernetesJsonSchema.ts';

const documents = Object.values(openApiDocumentTexts).map((text) => JSON.parse(text) as OpenApiDocument);
const kinds = RESOURCES.filter((r) => !r.createOnly);
const schema = kubernetesJsonSchema(documents, kinds);

describe('kubernetesJsonSchema', () => {
  it('keys every served kind by apiVersion/kind', () => {
    expect(schema['x-kinds']).toMatchObject({
      'v1/Pod': 'io.k8s.api.core.v1.Pod',
      'apps/v1/Deployment': 'io.k8s.api.apps.v1.Deployment',
      'rbac.authorization.k8s.io/v1/Role': 'io.k8s.api.rbac.v1.Role',
      'rbac.authorization.k8s.io/v1/RoleBinding': 'io.k8s.api.rbac.v1.RoleBinding',
      'events.k8s.io/v1/Event': 'io.k8s.api.events.v1.Event',
    });
    expect(Object.keys(schema['x-kinds'])).toHaveLength(kinds.length);
    expect(schema.allOf).toContainEqual({
      if: { required: ['apiVersion', 'kind'], properties: { apiVersion: { const: 'v1' }, kind: { const: 'Pod' } } },
      then: { $ref: '#/definitions/io.k8s.api.core.v1.Pod' },
    });
  });

  it('keeps the upstream descriptions and required fields, and closes objects as Strict field validation does', () => {
    const container = schema.definitions['io.k8s.api.core.v1.Container'] as { required: string[]; additionalProperties: boolean; properties: Record<string, { description: string }> };
    expect(container.required).toEqual(['name']);
    expect(container.additionalProperties).toBe(false);
    expect(container.properties.image?.description).toMatch(/^Container image name\. More info: https:\/\/kubernetes\.io\/docs\/concepts\/containers\/images/);
    // Maps stay open: labels, annotations, resource requests.
    expect(schema.definitions['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta']).toMatchObject({ properties: { labels: { type: 'object', additionalProperties: { type: 'string' } } } });
    expect(JSON.stringify(schema)).not.toMatch(/#\/components\/schemas|x-kubernetes-/);
  });

  it('includes only what the served kinds reach', () => {
    for (const ref of JSON.stringify(schema).matchAll(/"#\/definitions\/([^"]+)"/g)) expect(schema.definitions[ref[1]!]).toBeDefined();
    expect(schema.definitions['io.k8s.api.core.v1.PodList']).toBeUndefined();
  });
});
