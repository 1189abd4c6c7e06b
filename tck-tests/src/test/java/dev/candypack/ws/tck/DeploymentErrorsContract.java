package dev.candypack.ws.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candypack.ws.tck.broken.burst.ZeroBurstRoutes;
import dev.candypack.ws.tck.broken.duplicate.DuplicateRoutes;
import dev.candypack.ws.tck.broken.field.FieldRoutes;
import dev.candypack.ws.tck.broken.nosocket.NoSocketRoutes;
import dev.candypack.ws.tck.broken.producer.NotAHandlerRoutes;
import dev.candypack.ws.tck.broken.template.BadTemplateRoutes;
import dev.candypack.ws.tck.broken.unresolved.UnresolvedRoutes;
import dev.candypack.ws.tck.broken.unresolvedproducer.UnresolvedProducerRoutes;
import dev.candypack.ws.tck.routes.TestRoutes;
import java.util.List;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Wrong route definitions fail their deployment with a message that names the class and the method,
 * and leave the server and a good application beside them running.
 *
 * <p>What a developer reads differs between servers, so each server has its variant: Payara Micro
 * stays up when an application fails and only its log tells ({@link PayaraDeploymentErrorsIT});
 * WildFly refuses the deployment and its management API answers with the failure ({@link
 * WildFlyDeploymentErrorsIT}). The build's server profile runs its own variant only.
 */
abstract class DeploymentErrorsContract {

  /** The names of the broken WARs, each with one kind of wrong route. */
  static final List<String> BROKEN =
      List.of(
          "duplicate",
          "producer",
          "nosocket",
          "template",
          "burst",
          "unresolved",
          "unresolvedproducer",
          "field");

  /** The good WAR that is deployed beside the broken ones. */
  static WebArchive good() {
    return Server.war("good").addPackage(TestRoutes.class.getPackage());
  }

  /** The broken WAR of one of the {@link #BROKEN} names. */
  static WebArchive broken(String name) {
    WebArchive war = Server.war(name);
    return switch (name) {
      case "duplicate" -> war.addClass(DuplicateRoutes.class);
      case "producer" -> war.addClass(NotAHandlerRoutes.class);
      case "nosocket" -> war.addClass(NoSocketRoutes.class);
      case "template" -> war.addClass(BadTemplateRoutes.class);
      case "burst" -> war.addClass(ZeroBurstRoutes.class);
      case "unresolved" -> war.addClasses(UnresolvedRoutes.class);
      case "unresolvedproducer" -> war.addClasses(UnresolvedProducerRoutes.class);
      case "field" -> war.addClass(FieldRoutes.class);
      default -> throw new IllegalArgumentException(name);
    };
  }

  /**
   * What the server tells a developer about the failed deployment of a broken WAR.
   *
   * @param deployment one of the {@link #BROKEN} names
   * @return the message (the server's log, or its answer to the deployment)
   * @throws Exception when the message cannot be had, or the WAR deployed
   */
  abstract String failureOf(String deployment) throws Exception;

  /** The good application, deployed on the same server as the broken ones. */
  abstract Server goodApplication() throws Exception;

  private void assertNamed(String deployment, String... parts) throws Exception {
    String failure = failureOf(deployment);
    for (String part : parts) {
      assertTrue(
          failure.contains(part),
          "the failure of " + deployment + " names '" + part + "':\n" + failure);
    }
  }

  @Test
  void twoRoutesForTheSamePathsNameBothMethods() throws Exception {
    assertNamed(
        "duplicate",
        "two routes match the same paths",
        DuplicateRoutes.class.getName() + ".first(CandySocket)",
        DuplicateRoutes.class.getName() + ".second(CandySocket)");
  }

  @Test
  void aProducerThatReturnsNoHandlerIsNamed() throws Exception {
    assertNamed(
        "producer",
        NotAHandlerRoutes.class.getName() + ".notAHandler()",
        "must return a CandyHandler or an AsyncCandyHandler");
  }

  @Test
  void aShorthandWithoutAConnectionParameterIsNamed() throws Exception {
    assertNamed(
        "nosocket",
        NoSocketRoutes.class.getName() + ".withoutSocket(Candy)",
        "has no CandySocket parameter");
  }

  @Test
  void anInvalidTemplateIsNamed() throws Exception {
    assertNamed(
        "template",
        BadTemplateRoutes.class.getName() + ".badTemplate(CandySocket)",
        "has an invalid template",
        "/room/x{roomId}");
  }

  @Test
  void aRateLimitBurstUnderOneIsNamed() throws Exception {
    assertNamed(
        "burst",
        ZeroBurstRoutes.class.getName() + ".zeroBurst(CandySocket)",
        "has rateLimitBurst = 0; a burst is at least 1 message");
  }

  @Test
  void aParameterCdiCannotResolveIsNamed() throws Exception {
    assertNamed(
        "unresolved",
        UnresolvedRoutes.class.getName() + ".unresolved(CandySocket, NobodyImplementsMe)",
        "cannot be injected");
    assertNamed(
        "unresolvedproducer", "NobodyImplementsMeEither", UnresolvedProducerRoutes.class.getName());
  }

  @Test
  void aProducerFieldIsRefusedAndNamed() throws Exception {
    assertNamed(
        "field",
        FieldRoutes.class.getName() + ".fieldRoute",
        "a @CandyRoute producer field is not a route");
  }

  @Test
  void theServerAndTheGoodApplicationKeepRunning() throws Exception {
    for (String deployment : BROKEN) {
      failureOf(deployment);
    }
    Server good = goodApplication();
    try (WsClient client = WsClient.connect(good.ws("echo"))) {
      client.send("{\"still\":\"alive\"}");
      assertEquals("alive", client.nextJson().getJsonObject("data").getString("still"));
    }
    good.awaitStats("", stats -> stats.getInt("clients") == 0);
  }
}
