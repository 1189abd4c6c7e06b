package dev.candypack.ws.impl.gate;

import java.util.List;
import java.util.Optional;

/**
 * The proxies whose forwarding headers count ({@code candy.ws.trusted-proxies}): exact addresses
 * such as {@code 10.0.0.5} or {@code ::1}, and CIDR ranges such as {@code 10.0.0.0/8} or {@code
 * fd00::/8}.
 */
final class TrustedProxies {

  private final List<Range> ranges;

  private TrustedProxies(List<Range> ranges) {
    this.ranges = ranges;
  }

  /**
   * Reads the configured entries.
   *
   * @param entries addresses and CIDR ranges
   * @return the proxies
   * @throws IllegalArgumentException naming the key and the entry that is neither
   */
  static TrustedProxies of(List<String> entries) {
    return new TrustedProxies(entries.stream().map(TrustedProxies::range).toList());
  }

  boolean isEmpty() {
    return ranges.isEmpty();
  }

  /**
   * Whether an address belongs to a trusted proxy.
   *
   * @param address the address
   * @return whether one of the entries contains it
   */
  boolean contains(IpAddress address) {
    for (Range range : ranges) {
      if (range.contains(address)) {
        return true;
      }
    }
    return false;
  }

  private static Range range(String entry) {
    int slash = entry.indexOf('/');
    Optional<IpAddress> network = IpAddress.parse(slash < 0 ? entry : entry.substring(0, slash));
    if (network.isPresent()) {
      int bits = network.get().bytes().length * 8;
      int prefix = slash < 0 ? bits : prefix(entry.substring(slash + 1), bits);
      if (prefix >= 0) {
        return new Range(network.get().bytes(), prefix);
      }
    }
    throw new IllegalArgumentException(
        "candy-ws: candy.ws.trusted-proxies has '"
            + entry
            + "', which is neither an IP address nor a CIDR range (such as 10.0.0.5, ::1 or"
            + " 10.0.0.0/8)");
  }

  private static int prefix(String text, int bits) {
    try {
      int prefix = Integer.parseInt(text.trim());
      return prefix <= bits ? prefix : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The addresses whose first {@code prefix} bits are those of {@code network}. */
  private record Range(byte[] network, int prefix) {

    boolean contains(IpAddress address) {
      byte[] bytes = address.bytes();
      if (bytes.length != network.length) {
        return false;
      }
      int whole = prefix / 8;
      for (int i = 0; i < whole; i++) {
        if (bytes[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      int mask = (0xff << (8 - rest)) & 0xff;
      return rest == 0 || (bytes[whole] & mask) == (network[whole] & mask);
    }
  }
}
