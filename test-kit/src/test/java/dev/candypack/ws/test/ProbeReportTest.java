package dev.candypack.ws.test;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.candypack.ws.CandyRoom;
import dev.candypack.ws.CandyServer;
import dev.candypack.ws.CandySocket;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProbeReportTest {

  @Test
  void reportsTheClientsAndOneRoomsMembers() {
    CandyServer server = server(3, Map.of("red", 2));
    assertEquals("{\"clients\":3}", ProbeReport.of(server, null).toString());
    assertEquals(
        "{\"clients\":3,\"room\":\"red\",\"members\":2}", ProbeReport.of(server, "red").toString());
    assertEquals(
        "{\"clients\":3,\"room\":\"a \\\"b\\\"\",\"members\":0}",
        ProbeReport.of(server, "a \"b\"").toString());
  }

  /** A server with this many clients and rooms of these sizes; nothing else is called. */
  private static CandyServer server(int clients, Map<String, Integer> rooms) {
    return proxy(
        CandyServer.class,
        (method, args) ->
            switch (method) {
              case "clientCount" -> clients;
              case "room" -> room(rooms.getOrDefault((String) args[0], 0));
              default -> throw new UnsupportedOperationException(method);
            });
  }

  private static CandyRoom room(int members) {
    Set<CandySocket> sockets = new java.util.HashSet<>();
    for (int i = 0; i < members; i++) {
      sockets.add(proxy(CandySocket.class, (method, args) -> null));
    }
    return proxy(
        CandyRoom.class,
        (method, args) -> {
          if (method.equals("members")) {
            return sockets;
          }
          throw new UnsupportedOperationException(method);
        });
  }

  private interface Answer {
    Object answer(String method, Object[] args);
  }

  private static <T> T proxy(Class<T> type, Answer answer) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (self, method, args) ->
                switch (method.getName()) {
                  case "hashCode" -> System.identityHashCode(self);
                  case "equals" -> self == args[0];
                  case "toString" -> type.getSimpleName();
                  default -> answer.answer(method.getName(), args);
                }));
  }
}
