// Help texts: `kubectl` alone prints kubectl v1.32's full help (captured from /usr/bin/kubectl v1.32.4); a
// subcommand's --help is shortened here to its first line and Usage (the real one adds examples and options).

export const KUBECTL_HELP = `kubectl controls the Kubernetes cluster manager.

 Find more information at: https://kubernetes.io/docs/reference/kubectl/

Basic Commands (Beginner):
  create          Create a resource from a file or from stdin
  expose          Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service
  run             Run a particular image on the cluster
  set             Set specific features on objects

Basic Commands (Intermediate):
  explain         Get documentation for a resource
  get             Display one or many resources
  edit            Edit a resource on the server
  delete          Delete resources by file names, stdin, resources and names, or by resources and label selector

Deploy Commands:
  rollout         Manage the rollout of a resource
  scale           Set a new size for a deployment, replica set, or replication controller
  autoscale       Auto-scale a deployment, replica set, stateful set, or replication controller

Cluster Management Commands:
  certificate     Modify certificate resources
  cluster-info    Display cluster information
  top             Display resource (CPU/memory) usage
  cordon          Mark node as unschedulable
  uncordon        Mark node as schedulable
  drain           Drain node in preparation for maintenance
  taint           Update the taints on one or more nodes

Troubleshooting and Debugging Commands:
  describe        Show details of a specific resource or group of resources
  logs            Print the logs for a container in a pod
  attach          Attach to a running container
  exec            Execute a command in a container
  port-forward    Forward one or more local ports to a pod
  proxy           Run a proxy to the Kubernetes API server
  cp              Copy files and directories to and from containers
  auth            Inspect authorization
  debug           Create debugging sessions for troubleshooting workloads and nodes
  events          List events

Advanced Commands:
  diff            Diff the live version against a would-be applied version
  apply           Apply a configuration to a resource by file name or stdin
  patch           Update fields of a resource
  replace         Replace a resource by file name or stdin
  wait            Experimental: Wait for a specific condition on one or many resources
  kustomize       Build a kustomization target from a directory or URL

Settings Commands:
  label           Update the labels on a resource
  annotate        Update the annotations on a resource
  completion      Output shell completion code for the specified shell (bash, zsh, fish, or powershell)

Subcommands provided by plugins:

Other Commands:
  api-resources   Print the supported API resources on the server
  api-versions    Print the supported API versions on the server, in the form of "group/version"
  config          Modify kubeconfig files
  plugin          Provides utilities for interacting with plugins
  version         Print the client and server version information

Usage:
  kubectl [flags] [options]

Use "kubectl <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

const OPTIONS_HINT = 'Use "kubectl options" for a list of global command-line options (applies to all commands).';

function short(first: string, usage: string): string {
  return `${first}\n\nUsage:\n  ${usage}\n\n${OPTIONS_HINT}\n`;
}

export const SUBCOMMAND_HELP: Record<string, string> = {
  'get': short('Display one or many resources.', 'kubectl get [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]'),
  'describe': short('Show details of a specific resource or group of resources.', 'kubectl describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]'),
  'logs': short('Print the logs for a container in a pod or specified resource. If the pod has only one container, the container name is optional.', 'kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]'),
  'apply': short("Apply a configuration to a resource by file name or stdin. The resource name must be specified. This resource will be created if it doesn't exist yet. To use 'apply', always create the resource initially with either 'apply' or 'create --save-config'.", 'kubectl apply (-f FILENAME | -k DIRECTORY) [options]'),
  'delete': short('Delete resources by file names, stdin, resources and names, or by resources and label selector.', 'kubectl delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)]) [options]'),
  'run': short('Create and run a particular image in a pod.', 'kubectl run NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...] [options]'),
  'create deployment': short('Create a deployment with the specified name.', 'kubectl create deployment NAME --image=image -- [COMMAND] [args...] [options]'),
  'create role': short('Create a role with single rule.', 'kubectl create role NAME --verb=verb --resource=resource.group/subresource [--resource-name=resourcename] [--dry-run=server|client|none] [options]'),
  'create clusterrole': short('Create a cluster role.', 'kubectl create clusterrole NAME --verb=verb --resource=resource.group [--resource-name=resourcename] [--dry-run=server|client|none] [options]'),
  'create rolebinding': short('Create a role binding for a particular role or cluster role.', 'kubectl create rolebinding NAME --clusterrole=NAME|--role=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]'),
  'create clusterrolebinding': short('Create a cluster role binding for a particular cluster role.', 'kubectl create clusterrolebinding NAME --clusterrole=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]'),
  'set image': short('Update existing container image(s) of resources.', 'kubectl set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N [options]'),
  set: `Configure application resources.

 These commands help you make changes to existing application resources.

Available Commands:
  env              Update environment variables on a pod template
  image            Update the image of a pod template
  resources        Update resource requests/limits on objects with pod templates
  selector         Set the selector on a resource
  serviceaccount   Update the service account of a resource
  subject          Update the user, group, or service account in a role binding or cluster role binding

Usage:
  kubectl set SUBCOMMAND [options]

Use "kubectl set <command> --help" for more information about a given command.
${OPTIONS_HINT}
`,
  'scale': short('Set a new size for a deployment, replica set, replication controller, or stateful set.', 'kubectl scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [options]'),
  'label': short('Update the labels on a resource.', 'kubectl label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]'),
  'annotate': short('Update the annotations on one or more resources.', 'kubectl annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]'),
  'cordon': short('Mark node as unschedulable.', 'kubectl cordon NODE [options]'),
  'uncordon': short('Mark node as schedulable.', 'kubectl uncordon NODE [options]'),
  // Shortened: kubectl lists all its generators (configmap, secret, service, ...); these are the ones this terminal runs.
  create: `Create a resource from a file or from stdin.

 JSON and YAML formats are accepted.

Available Commands:
  clusterrole           Create a cluster role
  clusterrolebinding    Create a cluster role binding for a particular cluster role
  deployment            Create a deployment with the specified name
  role                  Create a role with single rule
  rolebinding           Create a role binding for a particular role or cluster role

Usage:
  kubectl create -f FILENAME [options]

Use "kubectl create <command> --help" for more information about a given command.
${OPTIONS_HINT}
`,
  'auth can-i': short('Check whether an action is allowed.', 'kubectl auth can-i VERB [TYPE | TYPE/NAME | NONRESOURCEURL] [options]'),
  'auth whoami': short('Experimental: Check who you are and your attributes (groups, extra).', 'kubectl auth whoami [options]'),
  'version': short('Print the client and server version information for the current context.', 'kubectl version [flags] [options]'),
  'api-resources': short('Print the supported API resources on the server.', 'kubectl api-resources [flags] [options]'),
  'proxy': short('Creates a proxy server or application-level gateway between localhost and the Kubernetes API server. It also allows serving static content over specified HTTP path. All incoming data enters through one port and gets forwarded to the remote Kubernetes API server port, except for the path matching the static content path.', 'kubectl proxy [--port=PORT] [--www=static-dir] [--www-prefix=prefix] [--api-prefix=prefix] [options]'),
  auth: `Inspect authorization.

Available Commands:
  can-i         Check whether an action is allowed
  reconcile     Reconciles rules for RBAC role, role binding, cluster role, and cluster role binding objects
  whoami        Experimental: Check self subject attributes

Usage:
  kubectl auth [flags] [options]

Use "kubectl auth <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`,
};
