/**
 * The live dashboard: an optional page served from the jar and the role-protected route that feeds
 * it one snapshot of the application's counters, largest rooms and slowest readers per interval.
 * Off unless {@code candy.ws.dashboard.enabled} is set.
 */
package dev.candypack.ws.impl.dashboard;
