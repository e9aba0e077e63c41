package dev.aistorctl.core.config;

import org.yaml.snakeyaml.nodes.Node;

/**
 * A YAML file composed into its node tree, with its text for quoting lines in problems.
 *
 * @param source the text and the name problems give the file
 * @param root   the document's root node, null when the file holds no document (empty or comments only)
 */
public record YamlDocument(SourceText source, Node root) {

    /** A problem list that lets the reader carry on and report every problem at once. */
    public Problems collecting() {
        return Problems.collecting(source);
    }

    /** A problem list that throws the first problem, in one line. */
    public Problems failFast() {
        return Problems.failFast(source);
    }
}
