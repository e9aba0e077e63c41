/**
 * Local lab hosts for rehearsals and integration tests: Debian containers booted by
 * systemd-nspawn with systemd as PID 1, real sshd, their own network namespace on a lab bridge,
 * loop devices as data drives and a formatted system disk. {@link dev.aistorctl.lab.Lab} is the
 * entry point; {@link dev.aistorctl.lab.LabState} holds everything a caller prints.
 */
package dev.aistorctl.lab;
