/**
 * The lifecycle of connections as CDI events ({@link dev.candypack.ws.event}): a connection
 * observer that fires each route's events, qualified by the route, through the application's bean
 * manager. Which routes and event types have observers is found once, at start, so that nobody pays
 * for events nobody observes.
 */
package dev.candypack.ws.impl.events;
