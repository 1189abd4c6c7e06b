package dev.candypack.ws.impl.config;

import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** Reads {@link CandySettings} from MicroProfile Config, or from system properties without it. */
public final class SettingsLoader {

  private SettingsLoader() {}

  /**
   * Reads the settings of the application whose class loader is given.
   *
   * @param application the application's class loader
   * @return the settings
   */
  public static CandySettings load(ClassLoader application) {
    return CandySettings.from(source(application));
  }

  /**
   * A reader of the application's settings, for a feature that keeps its own settings record.
   *
   * @param application the application's class loader
   * @return the reader
   */
  public static SettingsReader reader(ClassLoader application) {
    return new SettingsReader(source(application));
  }

  /**
   * The application's settings as a function of the key, for settings that only a module reads.
   *
   * @param application the application's class loader
   * @return the value of a key, if set
   */
  public static Function<String, Optional<String>> source(ClassLoader application) {
    try {
      Config config = ConfigProvider.getConfig(application);
      return key -> config.getOptionalValue(key, String.class);
    } catch (LinkageError | IllegalStateException noMicroProfileConfig) {
      return key -> Optional.ofNullable(System.getProperty(key));
    }
  }
}
