/**
 * The command line of cli.md, built with picocli.
 */
package io.cardops.app.cli;
