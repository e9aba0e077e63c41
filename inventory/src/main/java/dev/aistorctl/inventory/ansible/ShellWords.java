package dev.aistorctl.inventory.ansible;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a line into words as Python's {@code shlex.split(line, comments=True)} does, the way Ansible
 * reads an INI host line and {@code ansible_ssh_common_args}: blanks separate words, single quotes
 * keep everything, double quotes and backslashes escape, an unquoted {@code #} ends the line.
 */
final class ShellWords {
    private ShellWords() {
    }

    static List<String> split(String line) {
        return split(line, new ArrayList<>());
    }

    /**
     * @param starts receives, per word, the 0-based index where it starts in the line
     * @throws IllegalArgumentException for a quote left open
     */
    static List<String> split(String line, List<int[]> starts) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (word == null && Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (word == null && c == '#') {
                break;
            }
            if (word == null) {
                word = new StringBuilder();
                starts.add(new int[] {i});
            }
            if (Character.isWhitespace(c) || c == '#') {
                words.add(word.toString());
                word = null;
                if (c == '#') {
                    break;
                }
                i++;
            } else if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("a single quote opened at column " + (i + 1) + " is not closed");
                }
                word.append(line, i + 1, end);
                i = end + 1;
            } else if (c == '"') {
                int j = i + 1;
                while (j < line.length() && line.charAt(j) != '"') {
                    if (line.charAt(j) == '\\' && j + 1 < line.length() && "\\\"$`".indexOf(line.charAt(j + 1)) >= 0) {
                        j++;
                    }
                    word.append(line.charAt(j));
                    j++;
                }
                if (j >= line.length()) {
                    throw new IllegalArgumentException("a double quote opened at column " + (i + 1) + " is not closed");
                }
                i = j + 1;
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(i + 1));
                i += 2;
            } else {
                word.append(c);
                i++;
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
