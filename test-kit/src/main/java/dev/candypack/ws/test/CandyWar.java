package dev.candypack.ws.test;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Test WARs with candy-ws in them, for Arquillian deployments. The candy-ws jars come from the
 * test's class path (your {@code candy-ws-api} and {@code candy-ws-impl} dependencies), so the
 * deployment runs exactly the version the test compiles against.
 *
 * <pre>{@code
 * @Deployment(testable = false)
 * static WebArchive deployment() {
 *   return CandyWar.addProbe(CandyWar.create("chat").addClasses(ChatRoutes.class));
 * }
 * }</pre>
 */
public final class CandyWar {

  private static final String API_CLASS = "dev/candypack/ws/CandyServer.class";
  private static final String IMPL_CLASS = "dev/candypack/ws/impl/CandyRuntime.class";

  private CandyWar() {}

  /**
   * A WAR with {@code candy-ws-api} and {@code candy-ws-impl} in {@code WEB-INF/lib}, as an
   * application packages them.
   *
   * @param name the WAR's name without {@code .war}; servers use it as the context root
   * @return the WAR, to add the application's classes to
   * @throws IllegalStateException when a candy-ws jar is not on the test's class path
   */
  public static WebArchive create(String name) {
    return addCandyWs(ShrinkWrap.create(WebArchive.class, name + ".war"));
  }

  /**
   * Adds {@code candy-ws-api} and {@code candy-ws-impl} to a WAR's {@code WEB-INF/lib}.
   *
   * @param war the WAR
   * @return the same WAR
   * @throws IllegalStateException when a candy-ws jar is not on the test's class path
   */
  public static WebArchive addCandyWs(WebArchive war) {
    war.addAsLibrary(library(API_CLASS, "candy-ws-api"));
    war.addAsLibrary(library(IMPL_CLASS, "candy-ws-impl"));
    return war;
  }

  /**
   * Adds the probe through which {@link CandyApp} reads the application's rooms and connections and
   * sends through its {@code CandyServer}: a servlet at {@code candy-ws-test/probe}. Only for test
   * deployments: it answers anyone who asks.
   *
   * @param war the WAR
   * @return the same WAR
   */
  public static WebArchive addProbe(WebArchive war) {
    return war.addClasses(CandyProbeServlet.class, ProbeReport.class);
  }

  /**
   * Adds the jar (or the class folder, in a build that has not packaged it yet) that holds a class
   * to a WAR's {@code WEB-INF/lib}, for example {@code candy-ws-hazelcast}'s.
   *
   * @param war the WAR
   * @param className a class of that jar, such as {@code
   *     "dev.candypack.ws.hazelcast.HazelcastRelay"}
   * @return the same WAR
   * @throws IllegalStateException when the class is not on the test's class path
   */
  public static WebArchive addLibraryOf(WebArchive war, String className) {
    String resource = className.replace('.', '/') + ".class";
    return war.addAsLibrary(library(resource, className));
  }

  /** The jar or class folder that holds a class file, as an archive named after it. */
  static JavaArchive library(String classFile, String what) {
    URL url = classLoader().getResource(classFile);
    if (url == null) {
      throw new IllegalStateException(
          what + " is not on the test's class path: add it as a test or runtime dependency");
    }
    Path root = classPathEntry(url, classFile);
    if (root.toFile().isDirectory()) {
      return ShrinkWrap.create(ExplodedImporter.class, folderJarName(root))
          .importDirectory(root.toFile())
          .as(JavaArchive.class);
    }
    return ShrinkWrap.createFromZipFile(JavaArchive.class, root.toFile());
  }

  /** A class folder's jar name: its module's for a Maven build's {@code target/classes}. */
  static String folderJarName(Path folder) {
    Path parent = folder.getParent();
    boolean maven =
        folder.getFileName().toString().equals("classes")
            && parent != null
            && parent.getFileName().toString().equals("target")
            && parent.getParent() != null;
    return (maven ? parent.getParent().getFileName() : folder.getFileName()) + ".jar";
  }

  /** The jar file or folder of the class path that a class file's URL points into. */
  static Path classPathEntry(URL url, String classFile) {
    try {
      switch (url.getProtocol()) {
        case "jar":
          {
            String file = url.getPath(); // file:/…/x.jar!/dev/…
            return Path.of(new URL(file.substring(0, file.indexOf("!/"))).toURI());
          }
        case "file":
          {
            File found = Path.of(url.toURI()).toFile();
            Path root = found.toPath();
            for (int i = 0; i < classFile.split("/").length; i++) {
              root = root.getParent();
            }
            return root;
          }
        default:
          throw new IllegalStateException("cannot add " + url + " to a WAR: not a file or a jar");
      }
    } catch (URISyntaxException | java.net.MalformedURLException e) {
      throw new IllegalStateException("cannot read the class path entry of " + url, e);
    }
  }

  private static ClassLoader classLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : CandyWar.class.getClassLoader();
  }
}
