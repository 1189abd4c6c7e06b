package dev.candypack.ws.impl.gate;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IP address written as a literal, never looked up: the bytes and one canonical text, so that
 * {@code ::1}, {@code [0:0:0:0:0:0:0:1]} and {@code ::ffff:127.0.0.1} count as the addresses they
 * are.
 *
 * @param bytes 4 bytes for IPv4 (IPv4-mapped IPv6 included), 16 for IPv6
 * @param text the canonical text, as {@link InetAddress#getHostAddress()} writes it, without a zone
 */
record IpAddress(byte[] bytes, String text) {

  private static final Pattern IPV4 =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern IPV4_WITH_PORT = Pattern.compile("([\\d.]+):\\d{1,5}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[\\w.-]+)?");
  private static final Pattern BRACKETED = Pattern.compile("\\[([^\\]]+)\\](:\\d{1,5})?");

  /**
   * Reads an address as proxies and containers write it: {@code 10.0.0.1}, {@code 10.0.0.1:3456},
   * {@code ::1}, {@code [::1]} or {@code [::1]:3456}. Host names are not addresses: nothing here
   * asks the DNS.
   *
   * @param literal the text, or {@code null}
   * @return the address, or empty when the text is not an IP address
   */
  static Optional<IpAddress> parse(String literal) {
    if (literal == null) {
      return Optional.empty();
    }
    String text = literal.trim();
    var bracketed = BRACKETED.matcher(text);
    if (bracketed.matches()) {
      return ipv6(bracketed.group(1));
    }
    var withPort = IPV4_WITH_PORT.matcher(text);
    Optional<IpAddress> ipv4 = ipv4(withPort.matches() ? withPort.group(1) : text);
    return ipv4.isPresent() || text.indexOf(':') < 0 ? ipv4 : ipv6(text);
  }

  private static Optional<IpAddress> ipv4(String text) {
    var octets = IPV4.matcher(text);
    if (!octets.matches()) {
      return Optional.empty();
    }
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      int octet = Integer.parseInt(octets.group(i + 1));
      if (octet > 255) {
        return Optional.empty();
      }
      bytes[i] = (byte) octet;
    }
    return Optional.of(of(bytes));
  }

  private static Optional<IpAddress> ipv6(String text) {
    if (!IPV6.matcher(text).matches()) {
      return Optional.empty();
    }
    int zone = text.indexOf('%');
    String address = zone < 0 ? text : text.substring(0, zone);
    try {
      // Brackets make InetAddress read a literal or fail; it never looks a name up.
      return Optional.of(of(InetAddress.getByName("[" + address + "]").getAddress()));
    } catch (UnknownHostException notALiteral) {
      return Optional.empty();
    }
  }

  private static IpAddress of(byte[] bytes) {
    try {
      InetAddress address = InetAddress.getByAddress(bytes);
      // An IPv4-mapped IPv6 address comes back as the IPv4 address it maps.
      byte[] canonical = address instanceof Inet4Address ? address.getAddress() : bytes;
      return new IpAddress(canonical, address.getHostAddress());
    } catch (UnknownHostException wrongLength) {
      throw new IllegalArgumentException(wrongLength);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof IpAddress address && text.equals(address.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
