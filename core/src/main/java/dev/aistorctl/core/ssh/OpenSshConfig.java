package dev.aistorctl.core.ssh;

import dev.aistorctl.core.config.InvalidConfigFileException;
import dev.aistorctl.core.config.Problems;
import dev.aistorctl.core.config.SourceText;
import dev.aistorctl.core.config.Suggestion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * An OpenSSH client configuration file ({@code ~/.ssh/config}), read the way {@code ssh} reads it: blocks
 * of {@code Host} patterns ({@code *}, {@code ?}, {@code !negation}, compared without case), the first
 * value of each keyword wins, {@code IdentityFile} values add up, {@code Include} reads other files in
 * place. {@code Match} is understood for {@code all}, {@code host} and {@code originalhost}; any other
 * criterion (exec, user, localnetwork, ...) cannot be evaluated here and is refused rather than guessed.
 *
 * <p>The libraries that parse this format next to SSHJ do not fit: JSch's {@code OpenSSHConfig} applies
 * a section whose negated pattern does not match, and MINA's {@code HostConfigEntry} merges the best
 * match rather than taking the first value; neither says where a file is wrong. This reader reports
 * every unknown keyword, missing value, bad port or unclosed quote at {@code file:line:col}.
 */
public final class OpenSshConfig {
    private static final int MAX_INCLUDE_DEPTH = 16;
    private static final int MAX_BYTES = 1024 * 1024;

    private final Path file;
    private final List<Block> blocks;

    private OpenSshConfig(Path file, List<Block> blocks) {
        this.file = file;
        this.blocks = List.copyOf(blocks);
    }

    /** The file named when it was read. */
    public Path file() {
        return file;
    }

    /**
     * Reads the file and every file it includes.
     *
     * @throws InvalidConfigFileException listing every problem of the first file that has some, at file:line:col
     */
    public static OpenSshConfig read(Path file) {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block(List.of(new Pattern1("*", false)), null));
        readInto(file, blocks, 0);
        return new OpenSshConfig(file, blocks);
    }

    /** Reads configuration text as if it were {@code file}; Include paths resolve against its directory. */
    public static OpenSshConfig parse(Path file, String text) {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block(List.of(new Pattern1("*", false)), null));
        parseInto(file, text, blocks, 0);
        return new OpenSshConfig(file, blocks);
    }

    /**
     * What the file says for a host, as {@code ssh HOST} would see it: the first value of each keyword in
     * the blocks that match {@code host}, in file order.
     */
    public SshConfigEntry lookup(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        SshConfigEntry.Builder out = new SshConfigEntry.Builder(host);
        for (Block block : blocks) {
            if (!block.matches(h)) {
                continue;
            }
            for (Setting s : block.settings) {
                out.offer(s.keyword, s.value, s.origin);
            }
        }
        return out.build();
    }

    // --- reading -----------------------------------------------------------------------------

    private static void readInto(Path file, List<Block> blocks, int depth) {
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw fileProblem(file, "an ssh_config larger than 1 MiB is refused", "point ssh.config at the file you mean");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw fileProblem(file, "cannot read: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()),
                    "check the path, or set ssh.config: none in the inventory");
        }
        parseInto(file, text, blocks, depth);
    }

    private static InvalidConfigFileException fileProblem(Path file, String message, String hint) {
        Problems problems = Problems.collecting(new SourceText(file.toString(), ""));
        problems.file(message, hint);
        return InvalidConfigFileException.all(problems.list(), "ssh_config");
    }

    private static void parseInto(Path file, String text, List<Block> blocks, int depth) {
        Problems problems = Problems.collecting(new SourceText(file.toString(), text));
        String[] lines = text.split("\r\n|\r|\n", -1);
        List<Pattern1> ignoreUnknown = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i];
            int start = 0;
            while (start < line.length() && Character.isWhitespace(line.charAt(start))) {
                start++;
            }
            if (start == line.length() || line.charAt(start) == '#') {
                continue;
            }
            int end = start;
            while (end < line.length() && !Character.isWhitespace(line.charAt(end)) && line.charAt(end) != '=') {
                end++;
            }
            String keyword = line.substring(start, end);
            int col = start + 1;
            int rest = end;
            while (rest < line.length() && Character.isWhitespace(line.charAt(rest))) {
                rest++;
            }
            if (rest < line.length() && line.charAt(rest) == '=') {
                rest++;
            }
            List<String> args;
            try {
                args = words(line.substring(rest));
            } catch (IllegalArgumentException e) {
                problems.at(lineNo, rest + 1, e.getMessage(), "close the double quote on the same line");
                continue;
            }
            String key = keyword.toLowerCase(Locale.ROOT);
            String origin = file + ":" + lineNo;
            if (!KEYWORDS.contains(key) && ignoreUnknown.stream().anyMatch(p -> p.matches(key))) {
                continue;
            }
            if (!KEYWORDS.contains(key)) {
                problems.at(lineNo, col, "unknown ssh_config keyword '" + keyword + "'",
                        Suggestion.didYouMeanOr(key, KEYWORDS, "ssh_config(5) lists the keywords"));
                continue;
            }
            if (args.isEmpty()) {
                problems.at(lineNo, col, keyword + " has no value", "write " + keyword + " VALUE");
                continue;
            }
            switch (key) {
                case "host" -> blocks.add(new Block(patterns(args), origin));
                case "match" -> {
                    Block block = match(args, problems, lineNo, col, origin);
                    if (block != null) {
                        blocks.add(block);
                    }
                }
                case "ignoreunknown" -> ignoreUnknown.addAll(patterns(args));
                case "include" -> {
                    if (depth >= MAX_INCLUDE_DEPTH) {
                        problems.at(lineNo, col, "Include nested deeper than " + MAX_INCLUDE_DEPTH + " files", "an Include probably includes itself");
                        continue;
                    }
                    for (String a : args) {
                        for (Path included : includes(file, a)) {
                            readInto(included, blocks, depth + 1);
                        }
                    }
                }
                default -> {
                    String value = String.join(" ", args);
                    if (key.equals("port") && !validPort(value)) {
                        problems.at(lineNo, rest + 1, "Port '" + value + "' is not a port number (1-65535)", "Port 22");
                        continue;
                    }
                    if ((key.equals("hostname") || key.equals("user")) && args.size() > 1) {
                        problems.at(lineNo, rest + 1, keyword + " takes one value, got " + args.size(), keyword + " " + args.get(0));
                        continue;
                    }
                    if (key.equals("proxyjump")) {
                        Optional<String> bad = ProxyJumpText.problem(value);
                        if (bad.isPresent()) {
                            problems.at(lineNo, rest + 1, "ProxyJump: " + bad.get(), "ProxyJump [user@]host[:port][,[user@]host[:port]] or none");
                            continue;
                        }
                    }
                    blocks.get(blocks.size() - 1).settings.add(new Setting(key, value, origin));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw InvalidConfigFileException.all(problems.list(), "ssh_config");
        }
    }

    private static boolean validPort(String v) {
        return v.matches("[0-9]{1,5}") && Integer.parseInt(v) >= 1 && Integer.parseInt(v) <= 65535;
    }

    /** Splits arguments on whitespace; double quotes group words, as OpenSSH's argv_split does. */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = null;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                cur = cur == null ? new StringBuilder() : cur;
            } else if (Character.isWhitespace(c)) {
                if (cur != null) {
                    out.add(cur.toString());
                    cur = null;
                }
            } else if (c == '#' && cur == null) {
                break;
            } else {
                cur = cur == null ? new StringBuilder() : cur;
                cur.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unclosed double quote");
        }
        if (cur != null) {
            out.add(cur.toString());
        }
        return out;
    }

    private static List<Pattern1> patterns(List<String> args) {
        List<Pattern1> out = new ArrayList<>();
        for (String a : args) {
            for (String p : a.split(",")) {
                if (!p.isEmpty()) {
                    out.add(p.startsWith("!") ? new Pattern1(p.substring(1), true) : new Pattern1(p, false));
                }
            }
        }
        return out;
    }

    private static Block match(List<String> args, Problems problems, int line, int col, String origin) {
        String criterion = args.get(0).toLowerCase(Locale.ROOT);
        if (criterion.equals("all") && args.size() == 1) {
            return new Block(List.of(new Pattern1("*", false)), origin);
        }
        if ((criterion.equals("host") || criterion.equals("originalhost")) && args.size() == 2) {
            return new Block(patterns(args.subList(1, 2)), origin);
        }
        problems.at(line, col, "Match " + String.join(" ", args) + ": only 'Match all', 'Match host PATTERNS' and 'Match originalhost PATTERNS' can be evaluated here",
                "write it as a Host block, or set ssh.config in the inventory to a file without it (or none)");
        return null;
    }

    /** Include paths: {@code ~/} is home, a relative path is relative to the including file's directory; {@code *} and {@code ?} in the file name. */
    private static List<Path> includes(Path from, String arg) {
        Path path = arg.startsWith("~/") ? Path.of(System.getProperty("user.home")).resolve(arg.substring(2))
                : from.toAbsolutePath().getParent().resolve(arg);
        String name = path.getFileName().toString();
        if (name.indexOf('*') < 0 && name.indexOf('?') < 0) {
            return Files.exists(path) ? List.of(path) : List.of();
        }
        Set<Path> found = new TreeSet<>();
        if (Files.isDirectory(path.getParent())) {
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(path.getParent(), name)) {
                dir.forEach(found::add);
            } catch (IOException e) {
                return List.of();
            }
        }
        return List.copyOf(found);
    }

    // --- matching ----------------------------------------------------------------------------

    private record Pattern1(String text, boolean negated) {
        boolean matches(String host) {
            return glob(text.toLowerCase(Locale.ROOT)).matcher(host).matches();
        }

        /** ssh_config patterns know only {@code *} and {@code ?}; everything else is literal. */
        private static Pattern glob(String p) {
            StringBuilder re = new StringBuilder();
            for (char c : p.toCharArray()) {
                re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
            }
            return Pattern.compile(re.toString(), Pattern.DOTALL);
        }
    }

    private record Setting(String keyword, String value, String origin) {
    }

    /** A Host (or Match) block: it applies when a pattern matches and no negated pattern does. */
    private static final class Block {
        final List<Pattern1> patterns;
        final String origin;
        final List<Setting> settings = new ArrayList<>();

        Block(List<Pattern1> patterns, String origin) {
            this.patterns = patterns;
            this.origin = origin;
        }

        boolean matches(String host) {
            boolean any = false;
            for (Pattern1 p : patterns) {
                if (p.matches(host)) {
                    if (p.negated) {
                        return false;
                    }
                    any = true;
                }
            }
            return any;
        }
    }

    /** Every keyword of ssh_config(5) (OpenSSH 9), lower case; the file is checked against them as ssh does. */
    static final Set<String> KEYWORDS = Set.of(
            "host", "match", "include", "addkeystoagent", "addressfamily", "batchmode", "bindaddress", "bindinterface",
            "canonicaldomains", "canonicalizefallbacklocal", "canonicalizehostname", "canonicalizemaxdots",
            "canonicalizepermittedcnames", "casignaturealgorithms", "certificatefile", "channeltimeout",
            "checkhostip", "ciphers", "clearallforwardings", "compression", "connectionattempts", "connecttimeout",
            "controlmaster", "controlpath", "controlpersist", "dynamicforward", "enableescapecommandline",
            "enablesshkeysign", "escapechar", "exitonforwardfailure", "fingerprinthash", "forkafterauthentication",
            "forwardagent", "forwardx11", "forwardx11timeout", "forwardx11trusted", "gatewayports",
            "globalknownhostsfile", "gssapiauthentication", "gssapidelegatecredentials", "hashknownhosts",
            "hostbasedacceptedalgorithms", "hostbasedauthentication", "hostkeyalgorithms", "hostkeyalias",
            "hostname", "identitiesonly", "identityagent", "identityfile", "ignoreunknown", "ipqos",
            "kbdinteractiveauthentication", "kbdinteractivedevices", "kexalgorithms", "knownhostscommand",
            "localcommand", "localforward", "loglevel", "logverbose", "macs", "nohostauthenticationforlocalhost",
            "numberofpasswordprompts", "obscurekeystroketiming", "passwordauthentication", "permitlocalcommand",
            "permitremoteopen", "pkcs11provider", "port", "preferredauthentications", "proxycommand", "proxyjump",
            "proxyusefdpass", "pubkeyacceptedalgorithms", "pubkeyacceptedkeytypes", "pubkeyauthentication",
            "rekeylimit", "remotecommand", "remoteforward", "requesttty", "requiredrsasize", "revokedhostkeys",
            "securitykeyprovider", "sendenv", "serveralivecountmax", "serveraliveinterval", "sessiontype", "setenv",
            "stdinnull", "streamlocalbindmask", "streamlocalbindunlink", "stricthostkeychecking", "syslogfacility",
            "tag", "tcpkeepalive", "tunnel", "tunneldevice", "updatehostkeys", "user", "userknownhostsfile",
            "verifyhostkeydns", "visualhostkey", "xauthlocation", "challengeresponseauthentication",
            "gssapikeyexchange", "gssapiclientidentity", "gssapiserveridentity", "gssapirenewalforcesrekey",
            "gssapitrustdns", "useroaming", "usekeychain");
}
