/**
 * What a host is, read without judging it: the capture bundle gathered in one round trip, the pure parsers
 * over its sources, and {@code HostFacts} assembled from them. Verdicts on these facts live in
 * {@code hwcheck}; the drives and node steps read them from here.
 */
package dev.aistorctl.facts;
