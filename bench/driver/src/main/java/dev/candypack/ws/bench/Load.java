package dev.candypack.ws.bench;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.ToDoubleFunction;

/**
 * The load driver: starts Payara Micro or WildFly ({@code server=payara|wildfly}) with the
 * benchmark WARs, runs the scenarios against the twins side by side ({@code raw}, {@code candy},
 * and {@code native}: the same candy-ws routes with the native send path on), prints one line per
 * run and the ratios of the medians, and stops the server.
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
          Map.entry("heap.histogram", "0"),
          Map.entry("clients.http", "4"),
          Map.entry("clients.threads", "4"),
          Map.entry("server", "payara"),
          Map.entry("twins", "raw,candy,native"),
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
          Map.entry("heap.histogram", "0"),
          Map.entry("server.jvm", "-Xmx1g"),
          // Smoke loads are far from the targets' loads: ratios only, no verdicts.
          Map.entry("verdicts", "false"));

  /** The targets of candy-ws against the raw twin (see {@link #ratio} for their meaning). */
  private static final Map<String, Double> CANDY_TARGETS =
      Map.of("echo messages/s", 0.95, "fanout deliveries/s", 1.5, "sustained p99", -1.0);

  /** Issue 17's targets of the native send path against candy-ws without it, per server. */
  private static final Map<String, Map<String, Double>> NATIVE_TARGETS =
      Map.of(
          "payara", Map.of("echo messages/s", 1.2, "fanout deliveries/s", 1.5),
          "wildfly", Map.of("echo messages/s", 1.3));

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
    List<Twin> allTwins = Twin.parse(get("twins", "raw,candy,native"));
    say("# " + Instant.now() + " " + options);
    say("# " + machine());
    List<Path> wars = new ArrayList<>(List.of(dir.resolve("bench.war")));
    if (allTwins.contains(Twin.NATIVE)) {
      wars.add(NativeWar.from(wars.get(0)));
    }
    Properties versions = new Properties();
    try (InputStream in = Load.class.getResourceAsStream("servers.properties")) {
      versions.load(in);
    }
    String serverName;
    BenchServer.Starter starter;
    switch (get("server", "payara")) {
      case "payara" -> {
        serverName = "Payara Micro " + versions.getProperty("payara.micro.version");
        starter = () -> PayaraServer.start(dir.resolve("payara-micro.jar"), wars, jvm);
      }
      case "wildfly" -> {
        String version = versions.getProperty("wildfly.version");
        serverName = "WildFly " + version;
        Path home = Path.of(get("wildfly.home", dir.resolve("wildfly-" + version).toString()));
        starter = () -> WildFlyServer.start(home, wars, jvm);
      }
      default ->
          throw new IllegalArgumentException("server: payara or wildfly, not " + get("server", ""));
    }
    List<String> apps =
        allTwins.stream().map(Twin::app).filter(app -> !app.isEmpty()).distinct().toList();
    try (BenchServer server = starter.start();
        NodeServer node =
            allTwins.contains(Twin.NODE)
                ? NodeServer.start(Path.of(get("node.dir", "bench/node")))
                : null;
        Clients clients = new Clients(number("clients.http"), number("clients.threads"))) {
      say("# " + serverName + " pid " + server.pid() + " log " + server.log());
      if (node != null) {
        say("# Node " + nodeVersion() + " with ws, pid " + node.pid());
      }
      java.util.function.Function<Twin, WsServer> serverOf =
          twin -> twin.equals(Twin.NODE) ? node : server;
      List<String> scenarios = Arrays.asList(get("scenarios", "").split(","));
      int warmup = number("warmup");
      boolean echoes = scenarios.contains("echo");
      boolean rooms = scenarios.stream().anyMatch(s -> !s.equals("echo") && !s.equals("heap"));
      if (warmup > 0 && (echoes || rooms)) {
        // The JIT roughly doubles the server's rates over the first runs: leave those out.
        say("# warm-up: " + warmup + " round(s), not counted");
        for (int i = 0; i < warmup; i++) {
          for (Twin twin : allTwins) {
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
        List<Twin> twins = new ArrayList<>(allTwins);
        if (round % 2 == 1) {
          java.util.Collections.reverse(twins);
        }
        for (String scenario : scenarios) {
          if (scenario.equals("heap")) {
            continue;
          }
          for (Twin twin : twins) {
            awaitIdle(server, apps);
            Object result =
                scenario.equals("echo")
                    ? echo(clients, serverOf.apply(twin), twin, false)
                    : fanout(clients, serverOf.apply(twin), scenario, twin, false);
            results.computeIfAbsent(scenario + "/" + twin, k -> new ArrayList<>()).add(result);
          }
        }
      }
      if (results.keySet().stream().anyMatch(key -> key.endsWith("/" + Twin.NATIVE))) {
        say("# native twin: " + nativePath(server.log()));
      }
      summarize(results);
    }
    if (Arrays.asList(get("scenarios", "").split(",")).contains("heap")) {
      // After the load server has stopped: each measurement gets a fresh server of its own.
      try (Clients clients = new Clients(number("clients.http"), number("clients.threads"))) {
        HeapScenario.Result heap =
            HeapScenario.run(
                clients,
                starter,
                number("heap.connections"),
                allTwins.stream().filter(Twin::candyWs).toList(),
                number("heap.histogram"));
        say(heap.toString());
        check("heap per connection <= 2 KB", heap.mostAdded() <= 2048, false);
      }
    }
    failures.forEach(failure -> say("FAILED    " + failure));
    say("bench: " + passed + " passed, " + failures.size() + " failed");
    return failures.isEmpty() ? 0 : 1;
  }

  /**
   * What the server logged about the native send path: whether its adapter loaded, or why the
   * native twin fell back to Jakarta WebSocket (then it measures the same as {@code candy}).
   */
  private static String nativePath(Path log) throws java.io.IOException {
    try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(log)) {
      return lines
          .filter(
              line ->
                  line.contains("candy-ws: sending natively")
                      || line.contains("did not load; sending through Jakarta WebSocket")
                      || line.contains("candy-ws: no native transport"))
          .map(line -> line.substring(line.indexOf("candy-ws: ")))
          .distinct()
          .collect(java.util.stream.Collectors.joining(" | "))
          .transform(found -> found.isEmpty() ? "the server logged nothing about it" : found);
    }
  }

  /**
   * Waits until the server has closed every connection of the previous run and collected its
   * garbage, so that one run's aftermath does not land in the next one's figures.
   */
  private static void awaitIdle(BenchServer server, List<String> apps) throws Exception {
    if (apps.isEmpty()) {
      return; // only the Node.js twin runs
    }
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      long open = 0;
      for (String app : apps) {
        for (String counter : List.of("candy", "rawEcho", "rawRoom")) {
          open += HeapScenario.stat(http, server, app, counter, false);
        }
      }
      if (open == 0) {
        break;
      }
      Thread.sleep(100);
    }
    HeapScenario.stat(http, server, apps.get(0), "heapUsed", true);
    Thread.sleep(1000);
  }

  private EchoScenario.Result echo(Clients clients, WsServer server, Twin twin, boolean warm)
      throws Exception {
    int connections = number("echo.connections");
    int roundTrips = number("echo.roundtrips");
    Cpu cpu = Cpu.start(server.pid());
    EchoScenario.Result result =
        EchoScenario.run(
            clients,
            server.ws(twin.echo()),
            twin.name(),
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
      Clients clients, WsServer server, String scenario, Twin twin, boolean warm) throws Exception {
    String prefix = options.containsKey(scenario + ".subscribers") ? scenario : "fanout";
    Cpu cpu = Cpu.start(server.pid());
    FanoutScenario.Result result =
        FanoutScenario.run(
            clients,
            server,
            scenario,
            twin.room(),
            twin.name(),
            number(prefix + ".subscribers"),
            number(prefix + ".rate"),
            warm ? Math.max(2, number(prefix + ".seconds") / 2) : number(prefix + ".seconds"));
    say((warm ? "# warm " : "") + result + " " + cpu.stop());
    if (!warm && twin.candyWs()) {
      check(twin + " " + scenario + " missed no delivery", result.missing() == 0, true);
    }
    return result;
  }

  private void summarize(Map<String, List<Object>> results) {
    say("# medians of " + number("rounds") + " round(s) each");
    compare(results, "candy", "raw", "candy-ws / raw", CANDY_TARGETS);
    compare(
        results,
        "native",
        "candy",
        "native send path on / off",
        NATIVE_TARGETS.getOrDefault(get("server", "payara"), Map.of()));
    for (String twin : List.of("candy", "native")) {
      compare(results, twin, "node", twin + " / one Node process with ws, for scale", Map.of());
    }
  }

  /** Prints the ratios of one twin's medians to another's, when both ran. */
  private void compare(
      Map<String, List<Object>> results,
      String twin,
      String base,
      String title,
      Map<String, Double> targets) {
    if (!results.keySet().stream().anyMatch(key -> key.endsWith("/" + twin))
        || !results.keySet().stream().anyMatch(key -> key.endsWith("/" + base))) {
      return;
    }
    say("# " + title);
    for (String scenario : List.of("echo", "fanout", "sustained", "big")) {
      if (scenario.equals("echo")) {
        ToDoubleFunction<Object> rate = r -> ((EchoScenario.Result) r).messagesPerSecond();
        ratio(results, scenario, "messages/s", rate, targets, twin, base);
      } else {
        ToDoubleFunction<Object> rate = r -> ((FanoutScenario.Result) r).deliveriesPerSecond();
        ToDoubleFunction<Object> p99 = r -> ((FanoutScenario.Result) r).p99();
        ratio(results, scenario, "deliveries/s", rate, targets, twin, base);
        ratio(results, scenario, "p99", p99, targets, twin, base);
      }
    }
  }

  /**
   * Prints the ratio of {@code twin}'s median to {@code base}'s. The target of the figure, if
   * {@code targets} has one, above 0 is a floor, and -1 means "at most 1".
   */
  private void ratio(
      Map<String, List<Object>> results,
      String scenario,
      String figure,
      ToDoubleFunction<Object> value,
      Map<String, Double> targets,
      String twin,
      String base) {
    List<Object> baseResults = results.get(scenario + "/" + base);
    List<Object> twinResults = results.get(scenario + "/" + twin);
    if (baseResults == null || twinResults == null) {
      return;
    }
    double b = median(baseResults, value);
    double t = median(twinResults, value);
    double ratio = t / b;
    double target = targets.getOrDefault(scenario + " " + figure, Double.NaN);
    String verdict = "";
    if (Boolean.parseBoolean(get("verdicts", "true")) && (target > 0 || target == -1.0)) {
      boolean met = target > 0 ? ratio >= target : ratio <= 1.0;
      String bound = target > 0 ? String.format(Locale.ROOT, ">=%.2f", target) : "<=1.00";
      verdict = " target" + bound + (met ? " MET" : " MISSED");
      check(scenario + " " + figure + " " + twin + "/" + base + " " + bound, met, false);
    }
    say(
        String.format(
            Locale.ROOT,
            "ratio     %-9s %-12s %s=%.0f %s=%.0f %s/%s=%.2f%s",
            scenario,
            figure,
            twin,
            t,
            base,
            b,
            twin,
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
