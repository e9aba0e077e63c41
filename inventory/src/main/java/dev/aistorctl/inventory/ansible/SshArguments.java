package dev.aistorctl.inventory.ansible;

import dev.aistorctl.core.ssh.ProxyJumpText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The part of {@code ansible_ssh_common_args} that says how a host is reached: {@code -J CHAIN},
 * {@code -o ProxyJump=CHAIN}, or a {@code ProxyCommand} that is a jump in disguise
 * ({@code ssh -W %h:%p [-q] [-p PORT] [-l USER] [user@]bastion}). Any other proxy command
 * (netcat, a different tool, a bastion key of its own) cannot be expressed as a jump host.
 *
 * @param jump     the chain as {@code [user@]host[:port]}, hops separated by commas
 * @param unmapped the proxy text that is not a plain jump
 * @param ignored  the other options, as written
 */
record SshArguments(Optional<String> jump, Optional<String> unmapped, List<String> ignored) {

    /** @throws IllegalArgumentException for an unclosed quote or an option without its value */
    static SshArguments parse(String text) {
        List<String> words = ShellWords.split(text);
        Optional<String> jump = Optional.empty();
        Optional<String> unmapped = Optional.empty();
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            String option;
            if (w.equals("-J") || w.equals("-o")) {
                if (i + 1 >= words.size()) {
                    throw new IllegalArgumentException(w + " without a value");
                }
                option = (w.equals("-J") ? "ProxyJump=" : "") + words.get(++i);
            } else if (w.startsWith("-J")) {
                option = "ProxyJump=" + w.substring(2);
            } else if (w.startsWith("-o")) {
                option = w.substring(2);
            } else {
                ignored.add(w);
                continue;
            }
            int eq = option.indexOf('=');
            int blank = option.indexOf(' ');
            int cut = eq >= 0 && (blank < 0 || eq < blank) ? eq : blank;
            String key = (cut < 0 ? option : option.substring(0, cut)).strip().toLowerCase(Locale.ROOT);
            String value = cut < 0 ? "" : option.substring(cut + 1).strip();
            switch (key) {
                case "proxyjump" -> {
                    if (ProxyJumpText.problem(value).isPresent()) {
                        unmapped = Optional.of("ProxyJump=" + value);
                    } else {
                        jump = Optional.of(value);
                    }
                }
                case "proxycommand" -> {
                    Optional<String> hop = sshW(value);
                    if (hop.isPresent()) {
                        jump = hop;
                    } else {
                        unmapped = Optional.of("ProxyCommand=" + value);
                    }
                }
                default -> ignored.add("-o " + option);
            }
        }
        return new SshArguments(jump, unmapped, List.copyOf(ignored));
    }

    /** The bastion of {@code ssh -W %h:%p [-q] [-p PORT] [-l USER] [user@]bastion}, if the command is exactly that. */
    private static Optional<String> sshW(String command) {
        List<String> words = ShellWords.split(command);
        if (words.isEmpty() || !(words.get(0).equals("ssh") || words.get(0).endsWith("/ssh"))) {
            return Optional.empty();
        }
        boolean forwards = false;
        String user = null;
        String port = null;
        String destination = null;
        for (int i = 1; i < words.size(); i++) {
            String w = words.get(i);
            String next = i + 1 < words.size() ? words.get(i + 1) : null;
            switch (w) {
                case "-W" -> {
                    if (!"%h:%p".equals(next) && !"[%h]:%p".equals(next)) {
                        return Optional.empty();
                    }
                    forwards = true;
                    i++;
                }
                case "-q" -> {
                    // quiet: no effect on where it goes
                }
                case "-p" -> {
                    port = next;
                    i++;
                }
                case "-l" -> {
                    user = next;
                    i++;
                }
                default -> {
                    if (w.startsWith("-") || destination != null) {
                        return Optional.empty();
                    }
                    destination = w;
                }
            }
        }
        if (!forwards || destination == null || port != null && !port.matches("[0-9]{1,5}")) {
            return Optional.empty();
        }
        if (user != null && !destination.contains("@")) {
            destination = user + "@" + destination;
        }
        if (port != null) {
            destination = (destination.contains(":") && !destination.contains("[") ? "[" + destination + "]" : destination) + ":" + port;
        }
        return ProxyJumpText.problem(destination).isPresent() || destination.contains(",") ? Optional.empty() : Optional.of(destination);
    }
}
