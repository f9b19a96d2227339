import { describe, expect, it } from 'vitest';
import { fieldSegments, locateField } from './fieldLocator.ts';

const FILE = `# two objects
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
---
apiVersion: v1
kind: Pod
metadata:
  name: nginx-pod
spec:
  containers:
    - name: nginx
      imagePullPolicy: Sometimes
`;

describe('locateField', () => {
  it('splits Kubernetes field paths', () => {
    expect(fieldSegments('spec.containers[0].image')).toEqual(['spec', 'containers', 0, 'image']);
    expect(fieldSegments('metadata.labels[app.kubernetes.io/name]')).toEqual(['metadata', 'labels', 'app.kubernetes.io/name']);
  });
  it('finds a field of the document kubectl named, at its key', () => {
    expect(locateField(FILE, 7, 'spec.containers[0].imagePullPolicy')).toEqual({ line: 14, col: 7, endLine: 14, endCol: 33, exact: true });
  });
  it('marks the nearest enclosing field for a field the file lacks ("Required value")', () => {
    expect(locateField(FILE, 7, 'spec.containers[0].image')).toMatchObject({ line: 13, col: 7, exact: false });
  });
  it('marks metadata.name when the error names no field (a 403, a 409)', () => {
    expect(locateField(FILE, 2, undefined)).toMatchObject({ line: 5, col: 3, exact: true });
  });
});
