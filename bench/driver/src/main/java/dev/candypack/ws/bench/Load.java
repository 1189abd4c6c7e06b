package dev.candypack.ws.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The load driver: starts Payara Micro with the benchmark WAR, runs the scenarios against both
 * twins side by side, prints one line per run and the candy/raw ratios, and stops the server.
 *
 * <p>Arguments are {@code key=value}; {@code plan=full} (the default) or {@code plan=smoke} sets
 * them all, and any given after it wins. See BENCHMARKS.md.
 */
public final class Load {

  private static final Map<String, String> FULL =
      Map.ofEntries(
          Map.entry("rounds", "3"),
          Map.entry("warmup", "2"),
          Map.entry("scenarios", "echo,fanout,sustained,big,heap"),
          Map.entry("echo.connections", "100"),
          Map.entry("echo.roundtrips", "1000"),
          Map.entry("fanout.subscribers", "1000"),
          Map.entry("fanout.rate", "20"),
          Map.entry("fanout.seconds", "10"),
          Map.entry("sustained.subscribers", "1000"),
          Map.entry("sustained.rate", "2"),
          Map.entry("sustained.seconds", "30"),
          Map.entry("big.subscribers", "10000"),
          Map.entry("big.rate", "1"),
          Map.entry("big.seconds", "10"),
          Map.entry("heap.connections", "10000"),
          Map.entry("clients.http", "4"),
          Map.entry("clients.threads", "4"),
          Map.entry("server.jvm", "-Xms2g -Xmx2g"),
          Map.entry("verdicts", "true"));

  private static final Map<String, String> SMOKE =
      Map.ofEntries(
          Map.entry("rounds", "1"),
          Map.entry("warmup", "0"),
          Map.entry("scenarios", "echo,fanout"),
          Map.entry("echo.connections", "10"),
          Map.entry("echo.roundtrips", "200"),
          Map.entry("fanout.subscribers", "100"),
          Map.entry("fanout.rate", "10"),
          Map.entry("fanout.seconds", "3"),
          Map.entry("heap.connections", "300"),
          Map.entry("server.jvm", "-Xmx1g"),
          // Smoke loads are far from the targets' loads: ratios only, no verdicts.
          Map.entry("verdicts", "false"));

  private final Map<String, String> options;
  private final List<String> failures = new ArrayList<>();
  private int passed;

  private Load(Map<String, String> options) {
    this.options = options;
  }

  /**
   * Runs the benchmark.
   *
   * @param args {@code key=value} options
   * @throws Exception when the server cannot start or a scenario cannot run
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>(FULL);
    for (String arg : args) {
      String[] pair = arg.split("=", 2);
      if (pair.length != 2) {
        throw new IllegalArgumentException("expected key=value: " + arg);
      }
      if (pair[0].equals("plan")) {
        options.putAll(pair[1].equals("smoke") ? SMOKE : FULL);
      }
      options.put(pair[0], pair[1]);
    }
    System.exit(new Load(options).run());
  }

  private int run() throws Exception {
    Path dir = Path.of(get("dir", "bench/driver/target"));
    List<String> jvm = Arrays.asList(get("server.jvm", "").trim().split("\\s+"));
    say("# " + Instant.now() + " " + options);
    say("# " + machine());
    Path war = dir.resolve("bench.war");
    List<String> allTwins = Arrays.asList(get("twins", "raw,candy").split(","));
    try (PayaraServer server = PayaraServer.start(dir.resolve("payara-micro.jar"), war, jvm);
        NodeServer node =
            allTwins.contains("node")
                ? NodeServer.start(Path.of(get("node.dir", "bench/node")))
                : null;
        Clients clients = new Clients(number("clients.http"), number("clients.threads"))) {
      say("# Payara Micro pid " + server.pid() + " log " + server.log());
      if (node != null) {
        say("# Node " + nodeVersion() + " with ws, pid " + node.pid());
      }
      java.util.function.Function<String, WsServer> serverOf =
          twin -> twin.equals("node") ? node : server;
      List<String> scenarios = Arrays.asList(get("scenarios", "").split(","));
      int warmup = number("warmup");
      boolean echoes = scenarios.contains("echo");
      boolean rooms = scenarios.stream().anyMatch(s -> !s.equals("echo") && !s.equals("heap"));
      if (warmup > 0 && (echoes || rooms)) {
        // The JIT roughly doubles the server's rates over the first runs: leave those out.
        say("# warm-up: " + warmup + " round(s), not counted");
        for (int i = 0; i < warmup; i++) {
          for (String twin : allTwins) {
            if (echoes) {
              echo(clients, serverOf.apply(twin), twin, true);
            }
            if (rooms) {
              fanout(clients, serverOf.apply(twin), "sustained", twin, true);
            }
          }
        }
      }
      int rounds = number("rounds");
      Map<String, List<Object>> results = new HashMap<>();
      for (int round = 0; round < rounds; round++) {
        // Alternate which twin goes first, so that drift in the machine's load cancels out.
        List<String> twins = new ArrayList<>(allTwins);
        if (round % 2 == 1) {
          java.util.Collections.reverse(twins);
        }
        for (String scenario : scenarios) {
          if (scenario.equals("heap")) {
            continue;
          }
          for (String twin : twins) {
            awaitIdle(server);
            Object result =
                scenario.equals("echo")
                    ? echo(clients, serverOf.apply(twin), twin, false)
                    : fanout(clients, serverOf.apply(twin), scenario, twin, false);
            results.computeIfAbsent(scenario + "/" + twin, k -> new ArrayList<>()).add(result);
          }
        }
      }
      summarize(results);
    }
    if (Arrays.asList(get("scenarios", "").split(",")).contains("heap")) {
      // After the load server has stopped: each twin gets a fresh server of its own.
      try (Clients clients = new Clients(number("clients.http"), number("clients.threads"))) {
        HeapScenario.Result heap =
            HeapScenario.run(
                clients,
                () -> PayaraServer.start(war.resolveSibling("payara-micro.jar"), war, jvm),
                number("heap.connections"));
        say(heap.toString());
        check(
            "heap per connection <= 2 KB",
            Math.max(heap.candyEcho(), heap.candyRoom()) <= 2048,
            false);
      }
    }
    failures.forEach(failure -> say("FAILED    " + failure));
    say("bench: " + passed + " passed, " + failures.size() + " failed");
    return failures.isEmpty() ? 0 : 1;
  }

  /**
   * Waits until the server has closed every connection of the previous run and collected its
   * garbage, so that one run's aftermath does not land in the next one's figures.
   */
  private static void awaitIdle(PayaraServer server) throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    while (HeapScenario.stat(http, server, "candy", false)
                + HeapScenario.stat(http, server, "rawEcho", false)
                + HeapScenario.stat(http, server, "rawRoom", false)
            > 0
        && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    HeapScenario.stat(http, server, "heapUsed", true);
    Thread.sleep(1000);
  }

  private EchoScenario.Result echo(Clients clients, WsServer server, String twin, boolean warm)
      throws Exception {
    int connections = number("echo.connections");
    int roundTrips = number("echo.roundtrips");
    Cpu cpu = Cpu.start(server.pid());
    EchoScenario.Result result =
        EchoScenario.run(
            clients,
            server.ws(
                switch (twin) {
                  case "raw" -> "/raw/echo";
                  case "node" -> "/node/echo";
                  default -> "/bench/echo";
                }),
            twin,
            connections,
            warm ? Math.max(10, roundTrips / 2) : roundTrips,
            300);
    say((warm ? "# warm " : "") + result + " " + cpu.stop());
    if (!warm) {
      check(twin + " echo completed every round trip", result.complete(), true);
    }
    return result;
  }

  private FanoutScenario.Result fanout(
      Clients clients, WsServer server, String scenario, String twin, boolean warm)
      throws Exception {
    String prefix = options.containsKey(scenario + ".subscribers") ? scenario : "fanout";
    Cpu cpu = Cpu.start(server.pid());
    FanoutScenario.Result result =
        FanoutScenario.run(
            clients,
            server,
            scenario,
            switch (twin) {
              case "raw" -> "/raw/room/";
              case "node" -> "/node/room/";
              default -> "/bench/room/";
            },
            twin,
            number(prefix + ".subscribers"),
            number(prefix + ".rate"),
            warm ? Math.max(2, number(prefix + ".seconds") / 2) : number(prefix + ".seconds"));
    say((warm ? "# warm " : "") + result + " " + cpu.stop());
    if (!warm && twin.equals("candy")) {
      check("candy " + scenario + " missed no delivery", result.missing() == 0, true);
    }
    return result;
  }

  private void summarize(Map<String, List<Object>> results) {
    say("# medians of " + number("rounds") + " round(s) each, candy-ws / raw");
    ratio(results, "echo", "messages/s", r -> ((EchoScenario.Result) r).messagesPerSecond(), 0.95);
    ratio(
        results,
        "fanout",
        "deliveries/s",
        r -> ((FanoutScenario.Result) r).deliveriesPerSecond(),
        1.5);
    ratio(results, "fanout", "p99", r -> ((FanoutScenario.Result) r).p99(), Double.NaN);
    ratio(
        results,
        "sustained",
        "deliveries/s",
        r -> ((FanoutScenario.Result) r).deliveriesPerSecond(),
        Double.NaN);
    ratio(results, "sustained", "p99", r -> ((FanoutScenario.Result) r).p99(), -1.0);
    ratio(
        results,
        "big",
        "deliveries/s",
        r -> ((FanoutScenario.Result) r).deliveriesPerSecond(),
        Double.NaN);
    ratio(results, "big", "p99", r -> ((FanoutScenario.Result) r).p99(), Double.NaN);
    if (results.keySet().stream().anyMatch(key -> key.endsWith("/node"))) {
      say("# for scale, candy-ws / one Node process with ws (no target)");
      for (String scenario : List.of("echo", "fanout", "sustained", "big")) {
        ToDoubleFunction<Object> rate =
            scenario.equals("echo")
                ? r -> ((EchoScenario.Result) r).messagesPerSecond()
                : r -> ((FanoutScenario.Result) r).deliveriesPerSecond();
        ratio(
            results,
            scenario,
            scenario.equals("echo") ? "messages/s" : "deliveries/s",
            rate,
            Double.NaN,
            "node");
        if (!scenario.equals("echo")) {
          ratio(
              results, scenario, "p99", r -> ((FanoutScenario.Result) r).p99(), Double.NaN, "node");
        }
      }
    }
  }

  /**
   * Prints the ratio of the medians; {@code target} above 0 is a floor, -1 means "at most 1", NaN
   * means no target.
   */
  private void ratio(
      Map<String, List<Object>> results,
      String scenario,
      String figure,
      ToDoubleFunction<Object> value,
      double target) {
    ratio(results, scenario, figure, value, target, "raw");
  }

  /** Prints the ratio of candy-ws's median to the median of another twin, {@code base}. */
  private void ratio(
      Map<String, List<Object>> results,
      String scenario,
      String figure,
      ToDoubleFunction<Object> value,
      double target,
      String base) {
    List<Object> raw = results.get(scenario + "/" + base);
    List<Object> candy = results.get(scenario + "/candy");
    if (raw == null || candy == null) {
      return;
    }
    double r = median(raw, value);
    double c = median(candy, value);
    double ratio = c / r;
    String verdict = "";
    if (Boolean.parseBoolean(get("verdicts", "true")) && (target > 0 || target == -1.0)) {
      boolean met = target > 0 ? ratio >= target : ratio <= 1.0;
      String bound = target > 0 ? String.format(Locale.ROOT, ">=%.2f", target) : "<=1.00";
      verdict = " target" + bound + (met ? " MET" : " MISSED");
      check(scenario + " " + figure + " candy/raw " + bound, met, false);
    }
    say(
        String.format(
            Locale.ROOT,
            "ratio     %-9s %-12s candy=%.0f %s=%.0f candy/%s=%.2f%s",
            scenario,
            figure,
            c,
            base,
            r,
            base,
            ratio,
            verdict));
  }

  private static double median(List<Object> results, ToDoubleFunction<Object> value) {
    double[] values = results.stream().mapToDouble(value).sorted().toArray();
    int n = values.length;
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  }

  /** Records a failed expectation; {@code hard} ones fail the run (the smoke test's checks). */
  private void check(String what, boolean ok, boolean hard) {
    if (!hard && !Boolean.parseBoolean(get("strict", "false"))) {
      return;
    }
    if (ok) {
      passed++;
    } else {
      failures.add(what);
    }
  }

  private static String machine() {
    Runtime runtime = Runtime.getRuntime();
    return String.format(
        Locale.ROOT,
        "%d cpus, java %s, %s %s, load average %s",
        runtime.availableProcessors(),
        System.getProperty("java.version"),
        System.getProperty("os.name"),
        System.getProperty("os.version"),
        loadAverage());
  }

  private static String loadAverage() {
    try {
      return java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return String.format(
          Locale.ROOT,
          "%.2f",
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  private static String nodeVersion() {
    try {
      Process version = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      return new String(
              version.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
          .trim();
    } catch (java.io.IOException e) {
      return "(version unknown)";
    }
  }

  private String get(String key, String fallback) {
    return options.getOrDefault(key, fallback);
  }

  private int number(String key) {
    return Integer.parseInt(get(key, "0"));
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
