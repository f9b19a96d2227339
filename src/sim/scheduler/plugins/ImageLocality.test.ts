import { describe, expect, it } from 'vitest';
import { normalizedImageName } from '../PodInfo.ts';
import { cycle, makeNodeInfo, makePodInfo } from '../testing.ts';
import { ImageLocality, imageLocalityPriority } from './ImageLocality.ts';
import type { NodeInfo } from '../NodeInfo.ts';

const MB = 1024 * 1024;

describe('ImageLocality', () => {
  it('normalizes untagged names with :latest only', () => {
    expect(normalizedImageName('nginx')).toBe('nginx:latest');
    expect(normalizedImageName('nginx:1.27')).toBe('nginx:1.27');
    expect(normalizedImageName('localhost:5000/app')).toBe('localhost:5000/app:latest');
  });

  it('clamps to [23MB, 1000MB × containers] and scales to 0..100', () => {
    expect(imageLocalityPriority(0, 1)).toBe(0);
    expect(imageLocalityPriority(23 * MB, 1)).toBe(0);
    expect(imageLocalityPriority(2000 * MB, 1)).toBe(100);
    // image_locality_test.go: 250MB present on 1 of 1 nodes → 100 × (250-23)/(1000-23) = 23.
    expect(imageLocalityPriority(250 * MB, 1)).toBe(23);
  });

  it('scales each present image by the share of nodes holding it', () => {
    const images = [{ names: ['gcr.io/250:latest'], sizeBytes: 250 * MB }];
    const n1 = makeNodeInfo('n1', { images });
    const n2 = makeNodeInfo('n2');
    const nodes: NodeInfo[] = [n1, n2];
    const pl = new ImageLocality({ nodes: () => nodes, imageNodeCount: (i) => nodes.filter((n) => n.images.has(i)).length });
    const pod = makePodInfo('p', { image: 'gcr.io/250' });
    // 250MB × 1/2 nodes = 125MB → 100 × (125-23)/(1000-23) = 10.
    expect(pl.score(cycle(), pod, n1)).toBe(10);
    expect(pl.score(cycle(), pod, n2)).toBe(0);
  });
});
