package dev.candypack.ws.tck;

import static org.junit.jupiter.api.Assertions.fail;

import java.net.URL;
import java.util.HashMap;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link DeploymentErrorsContract} on WildFly: the server refuses a broken WAR, and the management
 * API's answer, which Arquillian raises as a deployment exception, is what a developer reads (the
 * server log says the same).
 */
@ExtendWith(ArquillianExtension.class)
class WildFlyDeploymentErrorsIT extends DeploymentErrorsContract {

  @Deployment(name = "good", testable = false)
  static WebArchive goodDeployment() {
    return good();
  }

  @Deployment(name = "duplicate", managed = false, testable = false)
  static WebArchive duplicate() {
    return broken("duplicate");
  }

  @Deployment(name = "producer", managed = false, testable = false)
  static WebArchive producer() {
    return broken("producer");
  }

  @Deployment(name = "nosocket", managed = false, testable = false)
  static WebArchive nosocket() {
    return broken("nosocket");
  }

  @Deployment(name = "template", managed = false, testable = false)
  static WebArchive template() {
    return broken("template");
  }

  @Deployment(name = "burst", managed = false, testable = false)
  static WebArchive burst() {
    return broken("burst");
  }

  @Deployment(name = "unresolved", managed = false, testable = false)
  static WebArchive unresolved() {
    return broken("unresolved");
  }

  @Deployment(name = "unresolvedproducer", managed = false, testable = false)
  static WebArchive unresolvedproducer() {
    return broken("unresolvedproducer");
  }

  @Deployment(name = "field", managed = false, testable = false)
  static WebArchive field() {
    return broken("field");
  }

  @ArquillianResource Deployer deployer;

  @ArquillianResource
  @OperateOnDeployment("good")
  URL good;

  /** Each broken WAR is deployed once; its failure is kept for the tests that read it. */
  private static final Map<String, String> FAILURES = new HashMap<>();

  @Override
  String failureOf(String deployment) {
    String failure = FAILURES.get(deployment);
    if (failure == null) {
      failure = deploy(deployment);
      FAILURES.put(deployment, failure);
    }
    return failure;
  }

  private String deploy(String deployment) {
    try {
      deployer.deploy(deployment);
    } catch (Exception refused) { // a DeploymentException, thrown unchecked by the Deployer
      return messages(refused);
    }
    deployer.undeploy(deployment);
    return fail(deployment + " deployed although its routes are wrong");
  }

  @Override
  Server goodApplication() {
    return new Server(good);
  }

  /** Every message in the cause chain: the management API's answer is in one of them. */
  private static String messages(Throwable failure) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      text.append(t).append('\n');
    }
    return text.toString();
  }
}
