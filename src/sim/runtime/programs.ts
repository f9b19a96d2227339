// What the catalogue's server programs print and do when started: their entrypoints' startup lines (as the
// official images print them), then running until stopped — or exiting 1 when required configuration is missing
// (postgres and mysql refuse to initialise without a password, as their docker-entrypoint.sh scripts do).
import { civilFromDays } from '../clock.ts';
import type { ResolvedImage } from './images.ts';
import type { ShellAction, ShellContext, ShellFlavor } from './shell.ts';

type Proc = Generator<ShellAction, number>;

const p2 = (n: number): string => String(n).padStart(2, '0');

function parts(ms: number): { y: number; mo: number; d: number; h: number; mi: number; s: number; milli: number } {
  const days = Math.floor(ms / 86_400_000);
  const rem = ms - days * 86_400_000;
  const [y, mo, d] = civilFromDays(days);
  return { y, mo, d, h: Math.floor(rem / 3_600_000), mi: Math.floor((rem % 3_600_000) / 60_000), s: Math.floor((rem % 60_000) / 1000), milli: rem % 1000 };
}

const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function out(text: string): ShellAction {
  return { kind: 'out', stream: 'stdout', text };
}

function err(text: string): ShellAction {
  return { kind: 'out', stream: 'stderr', text };
}

function* nginx(ctx: ShellContext, image: ResolvedImage, cpus: number, viaEntrypoint: boolean): Proc {
  if (viaEntrypoint) {
    for (const l of [
      '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
      '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
      '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
      '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
      '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
      '/docker-entrypoint.sh: Configuration complete; ready for start up',
    ]) yield out(l);
    yield { kind: 'sleep', ms: 12 };
  }
  const t = parts(ctx.wallMs());
  const ts = `${t.y}/${p2(t.mo)}/${p2(t.d)} ${p2(t.h)}:${p2(t.mi)}:${p2(t.s)}`;
  const alpine = image.tags.some((x) => x.includes('alpine'));
  const lines = [
    'using the "epoll" event method',
    `nginx/${image.version ?? '1.27.3'}`,
    alpine ? 'built by gcc 13.2.1 20240309 (Alpine 13.2.1_git20240309) ' : 'built by gcc 12.2.0 (Debian 12.2.0-14) ',
    'OS: Linux 6.8.0-51-generic',
    'getrlimit(RLIMIT_NOFILE): 1048576:1048576',
    'start worker processes',
  ];
  for (const l of lines) yield err(`${ts} [notice] 1#1: ${l}`);
  for (let i = 0; i < cpus; i++) yield err(`${ts} [notice] 1#1: start worker process ${29 + i}`);
  yield { kind: 'forever' };
  return 0;
}

function* redis(ctx: ShellContext, image: ResolvedImage): Proc {
  const t = parts(ctx.wallMs());
  const ts = `${p2(t.d)} ${MON[t.mo - 1] ?? ''} ${t.y} ${p2(t.h)}:${p2(t.mi)}:${p2(t.s)}.${String(t.milli).padStart(3, '0')}`;
  yield out(`1:C ${ts} # WARNING Memory overcommit must be enabled! Without it, a background save or replication may fail under low memory condition. Being disabled, it can also cause failures without low memory condition, see https://github.com/jemalloc/jemalloc/issues/1328. To fix this issue add 'vm.overcommit_memory = 1' to /etc/sysctl.conf and then reboot or run the command 'sysctl vm.overcommit_memory=1' for this to take effect.`);
  yield out(`1:C ${ts} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`);
  yield out(`1:C ${ts} * Redis version=${image.version ?? '7.4.2'}, bits=64, commit=00000000, modified=0, pid=1, just started`);
  yield out(`1:C ${ts} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf`);
  yield out(`1:M ${ts} * monotonic clock: POSIX clock_gettime`);
  yield out(`1:M ${ts} * Running mode=standalone, port=6379.`);
  yield out(`1:M ${ts} * Server initialized`);
  yield out(`1:M ${ts} * Ready to accept connections tcp`);
  yield { kind: 'forever' };
  return 0;
}

function* httpd(ctx: ShellContext, image: ResolvedImage): Proc {
  const ip = ctx.env.get('POD_IP_FOR_LOGS') ?? '127.0.0.1';
  const t = parts(ctx.wallMs());
  const dow = DAY[(((Math.floor(ctx.wallMs() / 86_400_000) + 4) % 7) + 7) % 7] ?? '';
  const ts = `${dow} ${MON[t.mo - 1] ?? ''} ${p2(t.d)} ${p2(t.h)}:${p2(t.mi)}:${p2(t.s)}.${String(t.milli * 1000).padStart(6, '0')} ${t.y}`;
  const msg = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ip}. Set the 'ServerName' directive globally to suppress this message`;
  yield err(msg);
  yield err(msg);
  yield err(`[${ts}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/${image.version ?? '2.4.62'} (Unix) configured -- resuming normal operations`);
  yield err(`[${ts}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'`);
  yield { kind: 'forever' };
  return 0;
}

function* postgres(ctx: ShellContext): Proc {
  if (!ctx.env.get('POSTGRES_PASSWORD') && ctx.env.get('POSTGRES_HOST_AUTH_METHOD') !== 'trust') {
    for (const l of [
      'Error: Database is uninitialized and superuser password is not specified.',
      '       You must specify POSTGRES_PASSWORD to a non-empty value for the',
      '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
      '',
      '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all',
      '       connections without a password. This is *not* recommended.',
      '',
      '       See PostgreSQL documentation about "trust":',
      '       https://www.postgresql.org/docs/current/auth-trust.html',
    ]) yield err(l);
    return 1;
  }
  yield out('The files belonging to this database system will be owned by user "postgres".');
  yield out('This user must also own the server process.');
  yield { kind: 'sleep', ms: 1500 };
  yield out('PostgreSQL init process complete; ready for start up.');
  yield err('LOG:  database system is ready to accept connections');
  yield { kind: 'forever' };
  return 0;
}

function* mysql(ctx: ShellContext, image: ResolvedImage): Proc {
  const t = parts(ctx.wallMs());
  const ts = `${t.y}-${p2(t.mo)}-${p2(t.d)} ${p2(t.h)}:${p2(t.mi)}:${p2(t.s)}+00:00`;
  yield out(`${ts} [Note] [Entrypoint]: Entrypoint script for MySQL Server ${image.version ?? '9.1.0'}-1.el9 started.`);
  if (!ctx.env.get('MYSQL_ROOT_PASSWORD') && !ctx.env.get('MYSQL_ALLOW_EMPTY_PASSWORD') && !ctx.env.get('MYSQL_RANDOM_ROOT_PASSWORD')) {
    yield err(`${ts} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified`);
    yield err('    You need to specify one of the following as an environment variable:');
    yield err('    - MYSQL_ROOT_PASSWORD');
    yield err('    - MYSQL_ALLOW_EMPTY_PASSWORD');
    yield err('    - MYSQL_RANDOM_ROOT_PASSWORD');
    return 1;
  }
  yield { kind: 'sleep', ms: 4000 };
  yield out(`${ts} [Note] [Entrypoint]: MySQL init process done. Ready for start up.`);
  yield { kind: 'forever' };
  return 0;
}

function* quietServer(): Proc {
  yield { kind: 'forever' };
  return 0;
}

function* mongo(ctx: ShellContext): Proc {
  const t = parts(ctx.wallMs());
  const ts = `${t.y}-${p2(t.mo)}-${p2(t.d)}T${p2(t.h)}:${p2(t.mi)}:${p2(t.s)}.${String(t.milli).padStart(3, '0')}+00:00`;
  yield out(`{"t":{"$date":"${ts}"},"s":"I",  "c":"NETWORK",  "id":4915701, "ctx":"main","msg":"Initialized wire specification"}`);
  yield out(`{"t":{"$date":"${ts}"},"s":"I",  "c":"NETWORK",  "id":23016,   "ctx":"listener","msg":"Waiting for connections","attr":{"port":27017,"ssl":"off"}}`);
  yield { kind: 'forever' };
  return 0;
}

/** The server an argv starts, if argv[0] is one of the image's programs. */
export function serverProgram(argv: string[], ctx: ShellContext, image: ResolvedImage, cpus: number): Proc | undefined {
  const bin = (argv[0] ?? '').split('/').pop() ?? '';
  const known = (image.binaries ?? []).map((b) => b.split('/').pop());
  if (!known.includes(bin)) return undefined;
  const repo = image.repo.split('/').pop() ?? '';
  switch (repo) {
    case 'nginx': return nginx(ctx, image, cpus, bin === 'docker-entrypoint.sh');
    case 'redis': return redis(ctx, image);
    case 'httpd': return httpd(ctx, image);
    case 'postgres': return postgres(ctx);
    case 'mysql': return mysql(ctx, image);
    case 'mongo': return mongo(ctx);
    default: return quietServer();
  }
}

/** Which shell `sh` is in an image: busybox ash in busybox/alpine images, dash in Debian-based ones. */
export function shellFlavor(image: ResolvedImage, argv0: string): ShellFlavor {
  if (argv0.endsWith('bash')) return 'bash';
  const repo = image.repo.split('/').pop() ?? '';
  if (repo === 'busybox' || repo === 'alpine' || image.tags.some((t) => t.includes('alpine'))) return 'ash';
  return 'dash';
}

const APPLETS = new Set(['sh', 'echo', 'printf', 'sleep', 'true', 'false', 'cat', 'tail', 'date', 'hostname', 'pwd', 'whoami', 'uname', 'env', 'printenv', 'seq', 'test', '[']);

/** Whether exec(argv0) finds a program in the image (the pause image has only /pause; no image has bash but Debian ones). */
export function executableIn(image: ResolvedImage, argv0: string): boolean {
  const bin = argv0.split('/').pop() ?? '';
  if ((image.binaries ?? []).some((b) => (b.split('/').pop() ?? '') === bin)) return true;
  if (image.behaviour === 'pause') return argv0 === '/pause';
  if (bin === 'bash') return shellFlavor(image, 'sh') === 'dash';
  return APPLETS.has(bin);
}
