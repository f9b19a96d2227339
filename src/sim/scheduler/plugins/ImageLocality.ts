// models pkg/scheduler/framework/plugins/imagelocality/image_locality.go
import type { NodeInfo } from '../NodeInfo.ts';
import type { PodInfo } from '../PodInfo.ts';
import { MAX_NODE_SCORE, type CycleState, type FrameworkHandle, type ScorePlugin } from '../types.ts';

const MB = 1024 * 1024;
/** Below this much image data present, a node gets 0. */
export const MIN_THRESHOLD = 23 * MB;
/** Per container, above this much image data present, a node gets 100. */
export const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** calculatePriority: the summed image score clamped to [23MB, 1000MB × containers], scaled to 0..100. */
export function imageLocalityPriority(sumScores: number, numContainers: number): number {
  const maxThreshold = MAX_CONTAINER_THRESHOLD * numContainers;
  let s = sumScores;
  if (s < MIN_THRESHOLD) s = MIN_THRESHOLD;
  else if (s > maxThreshold) s = maxThreshold;
  return Math.trunc((MAX_NODE_SCORE * (s - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
}

/**
 * Favours nodes that already hold the pod's images, scaled by how widely each image is spread (an image on every
 * node says little). Names are compared as node.status.images reports them, with only ":latest" added to untagged
 * pod images, as upstream does.
 */
export class ImageLocality implements ScorePlugin {
  readonly name = 'ImageLocality';
  readonly weight = 1;

  constructor(private readonly handle: FrameworkHandle) {}

  score(_state: CycleState, pod: PodInfo, node: NodeInfo): number {
    const total = this.handle.nodes().length;
    let sum = 0;
    if (node.images.size > 0 && total > 0) {
      for (const image of pod.images) {
        const size = node.images.get(image);
        if (size === undefined) continue;
        const spread = this.handle.imageNodeCount(image) / total;
        sum += Math.trunc(size * spread);
      }
    }
    const containers = (pod.pod.spec?.initContainers?.length ?? 0) + (pod.pod.spec?.containers.length ?? 0);
    return imageLocalityPriority(sum, containers);
  }
}
