package dev.candypack.ws.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The browser client ships in the implementation jar ({@code META-INF/resources}): a WAR that only
 * includes the jars, with no route and no file of its own, serves it below its context root.
 */
@ExtendWith(ArquillianExtension.class)
class BrowserClientIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Server.war("client");
  }

  @ArquillianResource URL url;

  private HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(new Server(url).http(path)).build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theScriptIsServedFromTheJar() throws Exception {
    HttpResponse<String> script = get("candy-ws/candy-ws.js");
    assertEquals(200, script.statusCode());
    assertTrue(
        script.headers().firstValue("Content-Type").orElse("").contains("javascript"),
        script.headers().toString());
    assertTrue(script.body().contains("Candy.ws = function"), "the client defines Candy.ws");
  }

  @Test
  void itsTypesAreServedBesideIt() throws Exception {
    HttpResponse<String> types = get("candy-ws/candy-ws.d.ts");
    assertEquals(200, types.statusCode());
    assertTrue(types.body().contains("function ws<"), "the declarations of Candy.ws");
  }
}
