/**
 * The picocli command line: run, validate, describe and bench; scenario overrides ({@code --seed}, {@code --days},
 * {@code --set path=value}) shared by the commands that load a scenario. Bad input exits 2 before anything is written.
 */
package datacapsim.cli;
