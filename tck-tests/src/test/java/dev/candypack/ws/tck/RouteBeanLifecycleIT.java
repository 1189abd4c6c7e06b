package dev.candypack.ws.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.candypack.ws.tck.lifecycle.ShorthandOnlyRoutes;
import jakarta.json.JsonObject;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The CDI life of a shorthand route's bean on a real server: what the bean holds lives as long as
 * the bean, what one connection is given lives as long as that connection.
 */
@ExtendWith(ArquillianExtension.class)
class RouteBeanLifecycleIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Server.war("lifecycle").addPackage(ShorthandOnlyRoutes.class.getPackage());
  }

  @ArquillianResource URL url;

  @Test
  void aShorthandRouteBeansDependentFieldSurvivesTheConnectionThatCreatedTheBean()
      throws Exception {
    Server server = new Server(url);
    JsonObject first;
    try (WsClient client = WsClient.connect(server.ws("helper"))) {
      first = client.nextJson();
    }
    assertFalse(first.getBoolean("fieldDestroyed"));
    // The first connection's own parameter is destroyed once it has closed: its context is gone.
    server.awaitStats("", stats -> stats.getInt("destroyed") >= 1);

    try (WsClient client = WsClient.connect(server.ws("helper"))) {
      JsonObject second = client.nextJson();
      assertEquals(first.getString("field"), second.getString("field"), "one bean, one field");
      assertFalse(second.getBoolean("fieldDestroyed"), "the field outlived the first connection");
      assertNotEquals(first.getString("parameter"), second.getString("parameter"));
    }
    server.awaitStats("", stats -> stats.getInt("destroyed") >= 2);
    assertEquals(2, server.stats("").getInt("destroyed"), "the two parameters, not the field");
  }
}
