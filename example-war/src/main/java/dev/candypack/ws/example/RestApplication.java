package dev.candypack.ws.example;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The example's HTTP API lives under {@code /api}. */
@ApplicationPath("/api")
public class RestApplication extends Application {}
