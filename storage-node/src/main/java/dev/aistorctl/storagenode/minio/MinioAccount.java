package dev.aistorctl.storagenode.minio;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.ShellQuote;
import java.util.List;

/**
 * The {@code minio-user} system account the unit runs as: a system group and a system user in it,
 * with no home directory and no login shell, as MinIO's install guide creates it. Each part is a
 * check and a create, so a step can plan ("group exists, user missing") and apply only what is
 * missing; {@link #ensureCommands()} gives the same as commands that are safe to run again.
 */
public final class MinioAccount {
    /** A state on the host: the command that checks it (exit 0 when present) and the one that creates it. */
    public record Ensure(String what, Command check, Command create) {
        /**
         * {@code sh -c 'CHECK >/dev/null || CREATE'}, as root: one command that is safe to run again.
         * Both halves are our own fixed argv, joined by core's one quoting function.
         */
        public Command asIdempotentCommand() {
            return Command.script(ShellQuote.join(check.argv()) + " >/dev/null || " + ShellQuote.join(create.argv())).asRoot();
        }
    }

    private MinioAccount() {
    }

    public static Ensure group() {
        return new Ensure("group " + MinioPaths.GROUP,
                Command.of("getent", "group", MinioPaths.GROUP),
                Command.of("groupadd", "--system", MinioPaths.GROUP).asRoot());
    }

    public static Ensure user() {
        return new Ensure("user " + MinioPaths.USER,
                Command.of("getent", "passwd", MinioPaths.USER),
                Command.of("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "-g", MinioPaths.GROUP,
                        MinioPaths.USER).asRoot());
    }

    /** Group first: the user is created into it. */
    public static List<Ensure> ensures() {
        return List.of(group(), user());
    }

    public static List<Command> ensureCommands() {
        return ensures().stream().map(Ensure::asIdempotentCommand).toList();
    }
}
