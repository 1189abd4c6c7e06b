package dev.candypack.ws.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

class CandyWarTest {

  @Test
  void aWarHoldsTheCandyWsJarsOfTheClassPathWithTheirServiceFiles() {
    WebArchive war = CandyWar.create("chat");
    assertEquals("chat.war", war.getName());
    List<String> libs =
        war.getContent().keySet().stream()
            .map(ArchivePath::get)
            .filter(path -> path.startsWith("/WEB-INF/lib/"))
            .sorted()
            .collect(Collectors.toList());
    assertEquals(2, libs.size(), libs.toString());
    JavaArchive impl =
        war.getAsType(
            JavaArchive.class,
            libs.stream().filter(l -> l.contains("impl")).findFirst().orElseThrow());
    assertNotNull(impl.get("dev/candypack/ws/impl/CandyRuntime.class"));
    assertNotNull(impl.get("META-INF/beans.xml"), "the implementation is a bean archive");
    assertNotNull(
        impl.get("META-INF/services/jakarta.enterprise.inject.spi.Extension"),
        "the CDI extension is registered");
  }

  @Test
  void theProbeIsTwoClasses() {
    WebArchive war = CandyWar.addProbe(ShrinkWrap.create(WebArchive.class, "p.war"));
    assertNotNull(war.get("WEB-INF/classes/dev/candypack/ws/test/CandyProbeServlet.class"));
    assertNotNull(war.get("WEB-INF/classes/dev/candypack/ws/test/ProbeReport.class"));
  }

  @Test
  void aClassPathEntryIsFoundFromAJarOrAFolderUrl() throws Exception {
    assertEquals(
        Path.of("/repo/x.jar"),
        CandyWar.classPathEntry(new URL("jar:file:/repo/x.jar!/a/b/C.class"), "a/b/C.class"));
    assertEquals(
        Path.of("/build/classes"),
        CandyWar.classPathEntry(new URL("file:/build/classes/a/b/C.class"), "a/b/C.class"));
  }

  @Test
  void aClassFolderOfAMavenBuildIsNamedAfterItsModule() {
    assertEquals("impl.jar", CandyWar.folderJarName(Path.of("/w/impl/target/classes")));
    assertEquals("bin.jar", CandyWar.folderJarName(Path.of("/w/impl/bin")));
  }

  @Test
  void aMissingLibrarySaysWhatToAdd() {
    IllegalStateException missing =
        assertThrows(
            IllegalStateException.class,
            () ->
                CandyWar.addLibraryOf(
                    ShrinkWrap.create(WebArchive.class, "x.war"), "com.example.Missing"));
    assertTrue(
        missing.getMessage().startsWith("com.example.Missing is not on the test's class path"));
  }
}
