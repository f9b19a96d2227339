// An RbacSource over plain arrays: for tests, and for anything that evaluates RBAC on objects not in storage
// (e.g. a "what if" view of edited roles).
import type { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from 'kubernetes-types/rbac/v1';
import type { KubeObject } from '../../api/types.ts';
import type { RbacSource } from './RbacAuthorizer.ts';

export interface RbacObjects {
  roles?: Role[];
  roleBindings?: RoleBinding[];
  clusterRoles?: ClusterRole[];
  clusterRoleBindings?: ClusterRoleBinding[];
}

export class MemoryRbacSource implements RbacSource {
  readonly objects: Required<RbacObjects>;

  constructor(objects: RbacObjects = {}) {
    this.objects = {
      roles: objects.roles ?? [],
      roleBindings: objects.roleBindings ?? [],
      clusterRoles: objects.clusterRoles ?? [],
      clusterRoleBindings: objects.clusterRoleBindings ?? [],
    };
  }

  /** Sorts a mixed list (e.g. bootstrapPolicy()) by kind; other kinds are ignored. */
  static fromObjects(objects: readonly KubeObject[]): MemoryRbacSource {
    const of = <T>(kind: string): T[] => objects.filter((o) => o.kind === kind) as unknown[] as T[];
    return new MemoryRbacSource({
      roles: of<Role>('Role'),
      roleBindings: of<RoleBinding>('RoleBinding'),
      clusterRoles: of<ClusterRole>('ClusterRole'),
      clusterRoleBindings: of<ClusterRoleBinding>('ClusterRoleBinding'),
    });
  }

  getRole(namespace: string, name: string): Role | undefined {
    return this.objects.roles.find((r) => r.metadata?.namespace === namespace && r.metadata.name === name);
  }

  listRoleBindings(namespace: string): RoleBinding[] {
    return this.objects.roleBindings.filter((b) => b.metadata?.namespace === namespace);
  }

  getClusterRole(name: string): ClusterRole | undefined {
    return this.objects.clusterRoles.find((r) => r.metadata?.name === name);
  }

  listClusterRoleBindings(): ClusterRoleBinding[] {
    return this.objects.clusterRoleBindings;
  }

  listClusterRoles(): ClusterRole[] {
    return this.objects.clusterRoles;
  }
}
