package dev.aistorctl.hwcheck.rules;

import dev.aistorctl.facts.facts.HostFacts;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * How a consistency rule compares hosts: the attribute it reads from each host's facts, when two
 * values count as the same, the sources that tell it (to explain an unknown), and what to do about
 * a host that differs.
 *
 * @param label   the attribute in messages ("NVMe models")
 * @param value   the attribute of one host; null when its facts do not tell
 * @param same    whether two values count as equal
 * @param sources the capture files that tell the attribute
 * @param hint    what to do about a host that differs from its peers
 */
record Comparison(String label, Function<HostFacts, Object> value, BiPredicate<Object, Object> same, List<String> sources,
                  String hint) {
    static final String CHECK_THE_PARTS = "this host differs from its peers: check the parts against the delivery note";
}
