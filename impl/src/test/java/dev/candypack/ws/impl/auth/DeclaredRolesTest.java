package dev.candypack.ws.impl.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeclaredRolesTest {

  private static InputStream xml(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void webXmlRolesAreItsSecurityRolesAndAuthConstraints() {
    String webXml =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
          <security-constraint>
            <web-resource-collection><url-pattern>/admin/*</url-pattern></web-resource-collection>
            <auth-constraint><role-name>admin</role-name><role-name>ops</role-name></auth-constraint>
          </security-constraint>
          <security-role><role-name> auditor </role-name></security-role>
          <servlet>
            <servlet-name>s</servlet-name>
            <run-as><role-name>system</role-name></run-as>
          </servlet>
        </web-app>
        """;
    assertEquals(Set.of("admin", "ops", "auditor"), DeclaredRoles.inWebXml(xml(webXml)));
  }

  @Test
  void noWebXmlDeclaresNothing() {
    assertEquals(Set.of(), DeclaredRoles.inWebXml(null));
    assertEquals(Set.of(), DeclaredRoles.inWebXml(xml("<web-app/>")));
  }

  @Test
  void aBrokenWebXmlIsAClearError() {
    IllegalArgumentException failure =
        assertThrows(
            IllegalArgumentException.class, () -> DeclaredRoles.inWebXml(xml("<web-app><oops")));
    assertTrue(failure.getMessage().contains("WEB-INF/web.xml"), failure.getMessage());
  }

  @Test
  void anExternalEntityIsNeverRead() {
    String webXml =
        """
        <?xml version="1.0"?>
        <!DOCTYPE web-app [<!ENTITY leak SYSTEM "file:///etc/hostname">]>
        <web-app><security-role><role-name>&leak;</role-name></security-role></web-app>
        """;
    assertThrows(IllegalArgumentException.class, () -> DeclaredRoles.inWebXml(xml(webXml)));
  }

  @Test
  void theWildcardsAreNotRoles() {
    assertEquals(Set.of("user"), new DeclaredRoles(List.of("*", "**", "user", " ")).names());
  }

  @Test
  void heldByAsksOnlyTheDeclaredRoles() {
    DeclaredRoles roles = new DeclaredRoles(List.of("user", "editor"));
    List<String> asked = new java.util.ArrayList<>();
    Set<String> held =
        roles.heldBy(
            role -> {
              asked.add(role);
              return role.equals("editor");
            });
    assertEquals(Set.of("editor"), held);
    assertEquals(Set.of("user", "editor"), Set.copyOf(asked));
  }
}
