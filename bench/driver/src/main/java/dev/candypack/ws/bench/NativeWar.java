package dev.candypack.ws.bench;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The WAR of the {@code native} twin: a copy of {@code bench.war} named {@code bench-native.war}
 * (so served at {@code /bench-native}) whose {@code META-INF/microprofile-config.properties} also
 * sets {@code candy.ws.native-transport=on}. The setting is the application's own, so that the two
 * WARs side by side in one server differ in that alone.
 */
final class NativeWar {

  /** Where the WAR keeps the application's configuration. */
  static final String CONFIG = "WEB-INF/classes/META-INF/microprofile-config.properties";

  /** The line that turns the native send path on. */
  static final String SETTING = "candy.ws.native-transport=on";

  private NativeWar() {}

  /**
   * Writes the native twin's WAR next to the original, replacing an older one.
   *
   * @param war {@code bench.war}
   * @return {@code bench-native.war}
   * @throws IOException when the WAR cannot be read or written
   */
  static Path from(Path war) throws IOException {
    Path copy = war.resolveSibling("bench-native.war");
    Files.copy(war, copy, StandardCopyOption.REPLACE_EXISTING);
    try (FileSystem zip = FileSystems.newFileSystem(copy)) {
      Path config = zip.getPath(CONFIG);
      String settings = Files.readString(config);
      if (settings.contains("candy.ws.native-transport")) {
        throw new IllegalStateException(war + " already sets candy.ws.native-transport");
      }
      Files.writeString(
          config,
          settings
              + (settings.endsWith("\n") ? "" : "\n")
              + "# The native twin (written by the driver): the container's own send path.\n"
              + SETTING
              + "\n");
    }
    return copy;
  }
}
