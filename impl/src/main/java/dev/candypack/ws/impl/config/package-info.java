/**
 * The application's candy-ws settings ({@code candy.ws.*}), read once at start-up from MicroProfile
 * Config where the server provides it, otherwise from system properties.
 */
package dev.candypack.ws.impl.config;
