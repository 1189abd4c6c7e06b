package dev.candypack.ws.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The live objects of a server JVM by class, as {@code jcmd <pid> GC.class_histogram} prints them
 * (after a full collection): what the heap scenario's bytes per connection are made of.
 *
 * @param classes instances and bytes per class name
 */
record ClassHistogram(Map<String, Usage> classes) {

  /**
   * One class's live instances.
   *
   * @param instances how many
   * @param bytes their shallow size
   */
  record Usage(long instances, long bytes) {}

  /**
   * Takes the histogram of a running JVM.
   *
   * @param pid the JVM's process id
   * @return its histogram
   * @throws IOException when {@code jcmd} cannot be run
   * @throws InterruptedException when interrupted while it runs
   */
  static ClassHistogram of(long pid) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process process =
        new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
            .redirectErrorStream(true)
            .start();
    Map<String, Usage> classes = new HashMap<>();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        // "   1:        123456       7890123  java.lang.String (java.base@17)"
        String[] columns = line.trim().split("\\s+");
        if (columns.length >= 4 && columns[0].endsWith(":") && !columns[0].equals("Total")) {
          classes.merge(
              columns[3],
              new Usage(Long.parseLong(columns[1]), Long.parseLong(columns[2])),
              (a, b) -> new Usage(a.instances() + b.instances(), a.bytes() + b.bytes()));
        }
      }
    }
    if (process.waitFor() != 0) {
      throw new IOException("jcmd " + pid + " GC.class_histogram exited " + process.exitValue());
    }
    return new ClassHistogram(classes);
  }

  /**
   * The classes that grew most from an earlier histogram to this one, per connection opened.
   *
   * @param before the histogram before the connections opened
   * @param connections how many opened
   * @param top how many classes to list
   * @return one line per class: bytes and instances per connection, and the name
   */
  String grownSince(ClassHistogram before, int connections, int top) {
    String own =
        String.format(
            "  %8.1f B/conn in candy-ws's own classes (dev.candypack.*)",
            grown(before, name -> name.startsWith("dev.candypack.")) / (double) connections);
    return own
        + "\n"
        + classes.entrySet().stream()
            .map(
                entry -> {
                  Usage was = before.classes().getOrDefault(entry.getKey(), new Usage(0, 0));
                  return Map.entry(
                      entry.getKey(),
                      new Usage(
                          entry.getValue().instances() - was.instances(),
                          entry.getValue().bytes() - was.bytes()));
                })
            .sorted(Comparator.comparingLong(entry -> -entry.getValue().bytes()))
            .limit(top)
            .map(
                entry ->
                    String.format(
                        "  %8.1f B/conn %6.2f objects/conn  %s",
                        entry.getValue().bytes() / (double) connections,
                        entry.getValue().instances() / (double) connections,
                        entry.getKey()))
            .collect(Collectors.joining("\n"));
  }

  private long grown(ClassHistogram before, Predicate<String> names) {
    return classes.entrySet().stream()
            .filter(entry -> names.test(entry.getKey()))
            .mapToLong(entry -> entry.getValue().bytes())
            .sum()
        - before.classes().entrySet().stream()
            .filter(entry -> names.test(entry.getKey()))
            .mapToLong(entry -> entry.getValue().bytes())
            .sum();
  }
}
