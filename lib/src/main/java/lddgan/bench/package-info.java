/**
 * Audits and benchmarks: measured, never asserted by timed tests (DEVELOPERS.md "Speed and memory"). {@code make
 * audit} counts parameters and multiply-accumulates of every preset (paper Table 2); {@code make bench} times the
 * samplers (paper Table 3 protocol, Sec. 5.1.2) on this machine.
 */
package lddgan.bench;
