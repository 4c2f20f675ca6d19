/**
 * Reporting: results written atomically with their {@link lddgan.report.Conditions} ({@link lddgan.report.Results}),
 * tables ({@link lddgan.report.Tables}), charts ({@link lddgan.report.Charts}) and their display in notebooks on any
 * of the supported kernels ({@link lddgan.report.Show}).
 */
package lddgan.report;
