// The example WAR on Payara Micro, started and stopped by the tests themselves (the restart test
// needs both). Build first: mvn -pl example-war -am -Prun package -DskipTests -Dexec.skip=true
import {spawn} from 'node:child_process';
import {createServer} from 'node:net';
import {existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const target = resolve(here, '../../example-war/target');
export const logDir = resolve(here, '../target');
// run.sh kills whatever pid is left here, should this process die without stopping the server.
export const pidFile = join(logDir, 'payara.pid');

/** A TCP port that was free a moment ago. */
export function freePort() {
  return new Promise((ok, fail) => {
    const probe = createServer().once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const {port} = probe.address();
      probe.close(() => ok(port));
    });
  });
}

const sleep = ms => new Promise(ok => setTimeout(ok, ms));

export class Payara {
  /**
   * @param port the HTTP port
   * @param options javaOptions: extra JVM options, such as -Dcandy.ws.dashboard.enabled=true;
   *     cluster: for a node of a cluster, {members, group, gridPort, secret} (see cluster.test.mjs);
   *     such a node leaves the pid file to the single server of the other tests
   */
  constructor(port, {javaOptions = [], cluster = null} = {}) {
    this.cluster = cluster;
    this.port = port;
    this.javaOptions = javaOptions;
    this.origin = `http://127.0.0.1:${port}`;
    this.child = null;
    this.starts = 0;
  }

  /** Starts Payara Micro with the example at context root / and waits until it answers. */
  async start(timeoutMs = 150_000) {
    for (const file of ['payara-micro.jar', 'candy-ws-example.war']) {
      if (!existsSync(join(target, file))) {
        throw new Error(`${join(target, file)} is missing: run mvn -pl example-war -am -Prun package -DskipTests -Dexec.skip=true`);
      }
    }
    mkdirSync(logDir, {recursive: true});
    this.log = join(logDir, `payara-${this.port}-${++this.starts}.log`);
    const out = openSync(this.log, 'w');
    const child = spawn('java', [
      // C1 only and the serial collector: starts in about half the time on two cores.
      '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xmx512m',
      ...this.javaOptions,
      ...(this.cluster ? ['-Dcandy.ws.cluster=hazelcast', `-Dcandy.ws.cluster.secret=${this.cluster.secret}`] : []),
      '-jar', join(target, 'payara-micro.jar'),
      '--deploy', join(target, 'candy-ws-example.war'),
      '--contextroot', '/',
      '--port', String(this.port),
      ...(this.cluster
        ? ['--clustermode', `tcpip:${this.cluster.members}`, '--interfaces', '127.0.0.1', '--nohostaware',
          '--clustername', this.cluster.group, '--startport', String(this.cluster.gridPort)]
        : ['--nocluster']),
    ], {stdio: ['ignore', out, out]});
    this.child = child;
    if (!this.cluster) writeFileSync(pidFile, String(child.pid));
    const exited = new Promise(ok => child.once('exit', code => ok(code)));
    this.exited = exited;
    const deadline = Date.now() + timeoutMs;
    const started = Date.now();
    while (Date.now() < deadline) {
      const gone = await Promise.race([exited.then(code => ({code})), sleep(250)]);
      if (gone) throw new Error(`Payara Micro exited with ${gone.code} while starting; see ${this.log}\n${this.tail()}`);
      if (await this.ready()) {
        this.startMs = Date.now() - started;
        return this;
      }
    }
    await this.stop();
    throw new Error(`Payara Micro did not answer within ${timeoutMs} ms; see ${this.log}\n${this.tail()}`);
  }

  async ready() {
    try {
      const response = await fetch(`${this.origin}/api/clients`, {signal: AbortSignal.timeout(2000)});
      return response.ok;
    } catch {
      return false;
    }
  }

  /** The open WebSocket connections, as the example's GET /api/clients counts them. */
  async clients() {
    const response = await fetch(`${this.origin}/api/clients`);
    if (!response.ok) throw new Error(`GET /api/clients answered ${response.status}`);
    return (await response.json()).count;
  }

  /** Stops the server (SIGTERM, then SIGKILL after 30 s) and waits until the process has gone. */
  async stop() {
    const child = this.child;
    if (!child) return;
    this.child = null;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killed = await Promise.race([this.exited, sleep(30_000).then(() => 'timeout')]);
      if (killed === 'timeout') {
        child.kill('SIGKILL');
        await this.exited;
      }
    }
    if (!this.cluster) rmSync(pidFile, {force: true});
  }

  /** Kills the server at once; for process exit, where nothing can be awaited. */
  killNow() {
    if (this.child && this.child.exitCode === null) this.child.kill('SIGKILL');
  }

  tail(lines = 30) {
    try {
      return readFileSync(this.log, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  }
}
