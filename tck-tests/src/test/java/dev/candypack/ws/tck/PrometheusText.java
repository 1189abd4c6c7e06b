package dev.candypack.ws.tck;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The samples of a Prometheus text page: name, labels and value of each line. */
final class PrometheusText {

  record Sample(String name, Map<String, String> labels, double value) {}

  private final List<Sample> samples;

  private PrometheusText(List<Sample> samples) {
    this.samples = samples;
  }

  static PrometheusText parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        samples.add(sample(line.strip()));
      }
    }
    return new PrometheusText(samples);
  }

  /**
   * The value of the one sample with this name whose labels include these (the server may add its
   * own, such as {@code mp_scope}).
   *
   * @return the value, or {@code null} when there is none
   * @throws IllegalStateException when several match
   */
  Double value(String name, Map<String, String> labels) {
    List<Sample> matching =
        samples.stream()
            .filter(s -> s.name().equals(name))
            .filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
            .toList();
    if (matching.size() > 1) {
      throw new IllegalStateException("several samples match " + name + labels + ": " + matching);
    }
    return matching.isEmpty() ? null : matching.get(0).value();
  }

  /** Every sample. */
  List<Sample> samples() {
    return samples;
  }

  /** Every sample with this name. */
  List<Sample> named(String name) {
    return samples.stream().filter(s -> s.name().equals(name)).toList();
  }

  private static Sample sample(String line) {
    int brace = line.indexOf('{');
    int space = line.indexOf(' ');
    Map<String, String> labels = new LinkedHashMap<>();
    String name;
    int rest;
    if (brace >= 0 && (space < 0 || brace < space)) {
      name = line.substring(0, brace);
      int i = brace + 1;
      while (line.charAt(i) != '}') {
        int equals = line.indexOf('=', i);
        String key = line.substring(i, equals).strip();
        StringBuilder value = new StringBuilder();
        int j = equals + 2; // past ="
        while (line.charAt(j) != '"') {
          char c = line.charAt(j++);
          if (c == '\\') {
            char escaped = line.charAt(j++);
            value.append(escaped == 'n' ? '\n' : escaped);
          } else {
            value.append(c);
          }
        }
        labels.put(key, value.toString());
        i = j + 1;
        if (line.charAt(i) == ',') {
          i++;
        }
      }
      rest = i + 1;
    } else {
      name = line.substring(0, space);
      rest = space;
    }
    String[] valueAndTime = line.substring(rest).strip().split("\\s+");
    return new Sample(name, labels, Double.parseDouble(valueAndTime[0]));
  }
}
