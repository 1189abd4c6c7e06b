package dev.candypack.ws.bench;

import java.time.Duration;
import java.util.Locale;

/** CPU time of the server and of this driver over one run, in cores used on average. */
final class Cpu {

  private final ProcessHandle server;
  private final long start = System.nanoTime();
  private final long serverStart;
  private final long driverStart;

  private Cpu(ProcessHandle server) {
    this.server = server;
    this.serverStart = nanos(server);
    this.driverStart = nanos(ProcessHandle.current());
  }

  /**
   * Starts counting.
   *
   * @param serverPid the server's process
   * @return the counter
   */
  static Cpu start(long serverPid) {
    return new Cpu(ProcessHandle.of(serverPid).orElse(ProcessHandle.current()));
  }

  /**
   * The cores used since the start.
   *
   * @return such as {@code cpu(server)=1.21 cpu(driver)=0.64}
   */
  String stop() {
    double wall = System.nanoTime() - start;
    return String.format(
        Locale.ROOT,
        "cpu(server)=%.2f cpu(driver)=%.2f",
        (nanos(server) - serverStart) / wall,
        (nanos(ProcessHandle.current()) - driverStart) / wall);
  }

  private static long nanos(ProcessHandle process) {
    return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }
}
