/**
 * The command line: {@code import}, {@code export} and {@code report} run by the same jar against
 * the configured store, without the web server ({@link org.zoneplan.cli.ExchangeCommand}).
 */
package org.zoneplan.cli;
