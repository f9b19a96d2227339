import { describe, expect, it } from 'vitest';
import { commonPrefix, completeLine } from './history.ts';

describe('terminal completion helpers', () => {
  it('finds what every completion shares', () => {
    expect(commonPrefix(['pods', 'podtemplates'])).toBe('pod');
    expect(commonPrefix(['get'])).toBe('get');
    expect(commonPrefix([])).toBe('');
  });

  it('replaces the word being typed, adding a space after a whole word', () => {
    expect(completeLine('kubectl ge', 'get', true)).toBe('kubectl get ');
    expect(completeLine('kubectl get po', 'pod', false)).toBe('kubectl get pod');
    expect(completeLine('kubectl get ', 'pods', true)).toBe('kubectl get pods ');
    expect(completeLine('etcdctl get /registry/po', '/registry/pods/', true)).toBe('etcdctl get /registry/pods/');
    expect(completeLine('kubectl get pods --field-selector', '--field-selector=', true)).toBe('kubectl get pods --field-selector=');
  });
});
