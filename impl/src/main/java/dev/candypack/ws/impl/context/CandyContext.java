package dev.candypack.ws.impl.context;

import dev.candypack.ws.Candy;
import dev.candypack.ws.CandyAuth;
import dev.candypack.ws.CandyRequest;
import dev.candypack.ws.CandyServer;

/**
 * What a route handler receives besides its connection.
 *
 * @param request the handshake request
 * @param auth its user
 * @param server the whole server
 */
public record CandyContext(CandyRequest request, CandyAuth auth, CandyServer server)
    implements Candy {}
