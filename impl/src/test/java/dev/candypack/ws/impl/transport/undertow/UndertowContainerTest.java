package dev.candypack.ws.impl.transport.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UndertowContainerTest {

  @Test
  void loadsWhereUndertowIsOnTheClassPath() throws Exception {
    new UndertowContainer();
  }

  @Test
  void leavesOtherContainersSessionsToJakartaWebSocket() throws Exception {
    List<String> asked = new ArrayList<>();
    Session other =
        (Session)
            Proxy.newProxyInstance(
                Session.class.getClassLoader(),
                new Class<?>[] {Session.class},
                (proxy, method, args) -> {
                  asked.add(method.getName());
                  return method.getName().equals("getNegotiatedExtensions") ? List.of() : null;
                });

    assertTrue(new UndertowContainer().sender(other).isEmpty());
    assertEquals(List.of(), asked, "a session of another container is not asked anything");
  }
}
