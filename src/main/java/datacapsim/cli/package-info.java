/**
 * The picocli command line: run and validate.
 */
package datacapsim.cli;
