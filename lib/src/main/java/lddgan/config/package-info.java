/**
 * Run-wide choices: the {@link lddgan.config.Profile} (smoke, cpu, paper) and the
 * {@link lddgan.config.DeviceChoice device}. Model presets live beside their models.
 */
package lddgan.config;
