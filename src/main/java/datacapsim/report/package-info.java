/**
 * Charts and the HTML report, built from output files only. Filled by the outputs issue.
 */
package datacapsim.report;
