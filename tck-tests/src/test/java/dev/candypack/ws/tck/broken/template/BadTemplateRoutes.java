package dev.candypack.ws.tck.broken.template;

import dev.candypack.ws.CandyRoute;
import dev.candypack.ws.CandySocket;
import jakarta.enterprise.context.ApplicationScoped;

/** A route whose template is not a valid URI template. */
@ApplicationScoped
public class BadTemplateRoutes {
  @CandyRoute("/room/x{roomId}")
  void badTemplate(CandySocket ws) {}
}
