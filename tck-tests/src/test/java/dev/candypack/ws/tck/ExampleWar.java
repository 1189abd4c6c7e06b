package dev.candypack.ws.tck;

import java.nio.file.Path;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The example application as the build made it, for the tests that deploy it. */
final class ExampleWar {

  private ExampleWar() {}

  /**
   * The example's WAR file ({@code -Dexample.war} for another).
   *
   * @return its path
   */
  static Path file() {
    return Path.of(System.getProperty("example.war", "../example-war/target/candy-ws-example.war"));
  }

  /**
   * The example under a name of its own: {@code ROOT.war} serves it at the context root, as its
   * contract says.
   *
   * @param name the archive's name
   * @return the archive
   */
  static WebArchive named(String name) {
    return ShrinkWrap.create(WebArchive.class, name)
        .merge(ShrinkWrap.createFromZipFile(WebArchive.class, file().toFile()));
  }
}
