package dev.candypack.ws.impl.endpoint;

import static dev.candypack.ws.impl.auth.HandshakeAuth.Captured.NONE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candypack.ws.CloseStatus;
import dev.candypack.ws.event.CandyRefused.Reason;
import dev.candypack.ws.impl.policy.Refusal;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdmissionTest {

  private static final Optional<Refusal> INVALID_TOKEN =
      Optional.of(
          new Refusal(
              new CloseStatus(CloseStatus.INVALID_TOKEN, "Invalid CSRF token"), Reason.TOKEN));

  private final Map<String, Object> endpointProperties = new HashMap<>();

  @Test
  void eachConnectionTakesTheDecisionOfItsOwnHandshake() {
    Map<String, Object> refused = new HashMap<>(endpointProperties);
    Map<String, Object> admitted = new HashMap<>(endpointProperties);
    Admission.carry(refused, endpointProperties, request("refused"), INVALID_TOKEN, null, NONE);
    Admission.carry(
        admitted, endpointProperties, request("admitted"), Optional.empty(), null, NONE);

    Admission first = Admission.take(config(refused), session());
    Admission second = Admission.take(config(admitted), session());

    assertEquals(INVALID_TOKEN, first.refusal());
    assertEquals(List.of("refused"), first.headers().get("X-Client"));
    assertEquals(Optional.empty(), second.refusal());
    assertEquals(List.of("admitted"), second.headers().get("X-Client"));
    assertTrue(refused.isEmpty() && admitted.isEmpty(), "taken once");
  }

  @Test
  void aContainerThatSharesThePropertiesGetsEveryConnectionRefusedNeverAnotherOnesAdmission() {
    // Two handshakes interleave through the endpoint's one map: a refused client must not open
    // with the decision made for the admitted one.
    Admission.carry(
        endpointProperties, endpointProperties, request("refused"), INVALID_TOKEN, null, NONE);
    Admission.carry(
        endpointProperties, endpointProperties, request("admitted"), Optional.empty(), null, NONE);

    for (int connection = 0; connection < 2; connection++) {
      Admission taken = Admission.take(config(endpointProperties), session());
      Refusal lost = taken.refusal().orElseThrow();
      assertEquals(CloseStatus.INTERNAL_ERROR, lost.status().code());
      assertEquals("Handshake state lost", lost.status().reason());
      assertEquals(Optional.empty(), lost.reason(), "a server fault, not a counted refusal");
      assertEquals(Map.of(), taken.headers(), "no other client's headers");
    }
  }

  private static HandshakeRequest request(String client) {
    Map<String, List<String>> headers = Map.of("X-Client", List.of(client));
    return proxy(HandshakeRequest.class, "getHeaders", headers);
  }

  private static Session session() {
    return proxy(Session.class, "getUserProperties", new HashMap<String, Object>());
  }

  private static EndpointConfig config(Map<String, Object> properties) {
    return proxy(EndpointConfig.class, "getUserProperties", properties);
  }

  private static <T> T proxy(Class<T> type, String method, Object answer) {
    return type.cast(
        Proxy.newProxyInstance(
            AdmissionTest.class.getClassLoader(),
            new Class<?>[] {type},
            (proxy, called, args) -> called.getName().equals(method) ? answer : null));
  }
}
