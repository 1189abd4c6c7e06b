package dev.candypack.ws.test;

import dev.candypack.ws.CandyServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** What the probe answers: the server's connections and, when asked, one room's members. */
final class ProbeReport {

  private ProbeReport() {}

  static JsonObject of(CandyServer server, String room) {
    JsonObjectBuilder report = Json.createObjectBuilder().add("clients", server.clientCount());
    if (room != null) {
      report.add("room", room).add("members", server.room(room).members().size());
    }
    return report.build();
  }
}
