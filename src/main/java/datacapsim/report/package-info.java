/**
 * Charts (JFreeChart PNG and JFreeSVG) and the self-contained HTML reports, built from output files only: a run's
 * ({@code ReportBuilder}: its timeseries, summary and manifest) and a sweep's ({@code SweepReport}: one
 * {@code SweepSection} per design of experiments, {@code ArmsComparison}, {@code SweepTables}, {@code ChartBudget},
 * with {@code SweepReportData} and {@code SweepReportStats} reading and summarising the tables); {@code RunStatus},
 * the words the files give a run's and a sweep's status; {@code DisplayUnits}, the units a chart shows. Imports only
 * scenario, for its enums of words; run and sweep write what it reads.
 */
package datacapsim.report;
