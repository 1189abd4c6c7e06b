package dev.candypack.ws.impl.auth;

import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.inject.spi.Annotated;
import jakarta.enterprise.inject.spi.AnnotatedType;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The roles an application declares, the only ones a connection can be asked about after its
 * handshake: {@code HandshakeRequest.isUserInRole} works only while the handshake runs, so each of
 * them is checked then.
 */
public final class DeclaredRoles {

  private static final Logger LOG = Logger.getLogger(DeclaredRoles.class.getName());

  /** Undeclared roles reported; the application's code names them, so their number is small. */
  private static final int MAX_REPORTED = 100;

  private final Set<String> names;
  private final Set<String> reported = ConcurrentHashMap.newKeySet();

  /**
   * The declared roles.
   *
   * @param names the role names; {@code *} and {@code **} are not roles and are left out
   */
  public DeclaredRoles(Collection<String> names) {
    this.names =
        Set.copyOf(
            names.stream()
                .filter(name -> !name.isBlank() && !name.equals("*") && !name.equals("**"))
                .collect(Collectors.toSet()));
  }

  /**
   * The roles named by {@code @DeclareRoles} and {@code @RolesAllowed} on a type and its methods.
   *
   * @param type the type as CDI sees it
   * @return the role names
   */
  public static Set<String> annotatedOn(AnnotatedType<?> type) {
    Set<String> names = new TreeSet<>(namedOn(type));
    type.getMethods().forEach(method -> names.addAll(namedOn(method)));
    return names;
  }

  private static Set<String> namedOn(Annotated annotated) {
    Set<String> names = new TreeSet<>();
    DeclareRoles declared = annotated.getAnnotation(DeclareRoles.class);
    if (declared != null) {
      names.addAll(Arrays.asList(declared.value()));
    }
    RolesAllowed allowed = annotated.getAnnotation(RolesAllowed.class);
    if (allowed != null) {
      names.addAll(Arrays.asList(allowed.value()));
    }
    return names;
  }

  /**
   * The roles of a {@code web.xml}: its {@code security-role} and {@code auth-constraint} role
   * names, in any namespace version.
   *
   * @param webXml the deployment descriptor, or {@code null} when the application has none
   * @return the role names
   * @throws IllegalArgumentException when the descriptor cannot be read
   */
  public static Set<String> inWebXml(InputStream webXml) {
    Set<String> names = new TreeSet<>();
    if (webXml == null) {
      return names;
    }
    try (webXml) {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      NodeList roles =
          factory.newDocumentBuilder().parse(webXml).getElementsByTagNameNS("*", "role-name");
      for (int i = 0; i < roles.getLength(); i++) {
        Element role = (Element) roles.item(i);
        String parent = role.getParentNode().getLocalName();
        if ("security-role".equals(parent) || "auth-constraint".equals(parent)) {
          names.add(role.getTextContent().trim());
        }
      }
      return names;
    } catch (IOException | ParserConfigurationException | SAXException e) {
      throw new IllegalArgumentException(
          "candy-ws: cannot read the roles of WEB-INF/web.xml: " + e.getMessage(), e);
    }
  }

  /**
   * The declared roles a user is in.
   *
   * @param isUserInRole the handshake's check, valid only while it runs
   * @return the roles held
   */
  public Set<String> heldBy(Predicate<String> isUserInRole) {
    return names.stream().filter(isUserInRole).collect(Collectors.toUnmodifiableSet());
  }

  /**
   * Whether the application declares a role; logs, once per role, one it does not.
   *
   * @param role the role name
   * @return {@code true} when declared
   */
  public boolean declares(String role) {
    if (names.contains(role)) {
      return true;
    }
    if (reported.size() < MAX_REPORTED && reported.add(role)) {
      LOG.warning(
          () ->
              "candy-ws: inRole(\""
                  + role
                  + "\") is always false: the application does not declare that role; declare it"
                  + " with @DeclareRoles (or @RolesAllowed, or a security-role in web.xml) so that"
                  + " the handshake checks it");
    }
    return false;
  }

  /**
   * The role names.
   *
   * @return the declared roles
   */
  public Set<String> names() {
    return names;
  }
}
