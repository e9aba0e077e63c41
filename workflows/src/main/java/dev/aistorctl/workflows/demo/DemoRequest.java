package dev.aistorctl.workflows.demo;

/**
 * The demo's lab and what is left of it at the end.
 *
 * @param labName     the lab's name; tests use one of their own so as never to take down an engineer's lab
 * @param hosts       lab hosts
 * @param drives      data drives per host
 * @param keep        leave the lab up at the end
 * @param toolVersion the version recorded in provision.json
 */
public record DemoRequest(String labName, int hosts, int drives, boolean keep, String toolVersion) {
}
