package dev.aistorctl.workflows.inventory.init;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.aistorctl.core.FanoutListener;
import dev.aistorctl.core.HostOutcome;
import dev.aistorctl.core.UsageException;
import dev.aistorctl.core.ssh.JumpHost;
import dev.aistorctl.core.ssh.SshConnector;
import dev.aistorctl.core.ssh.SshSettings;
import dev.aistorctl.facts.FactsCollection;
import dev.aistorctl.facts.capture.CaptureBundle;
import dev.aistorctl.facts.facts.GatheredHost;
import dev.aistorctl.inventory.SshConfig;
import dev.aistorctl.workflows.hardware.ProfileFit;
import dev.aistorctl.workflows.inventory.InventoryFile;

/**
 * {@code inventory init}: gather the facts of racked servers (one round trip each, as {@code facts}
 * does), group them by hardware, and write a commented inventory version 1 with a pool per group,
 * the drive rule that takes each group's data drives, and TODO wherever a person must decide. A host
 * that does not answer is named with its reason and left out; nothing is guessed for it.
 */
public final class InventoryInit {
    private InventoryInit() {
    }

    /** Refuses an {@code --out} that exists (without {@code --force}) or whose directory does not, before any host is asked. */
    public static void checkOut(InitRequest request) {
        InventoryFile.checkOut(request.out(), request.force(), "init");
    }

    /** SSH to each host with the request's settings and the inventory's defaults for everything else. */
    public static FactsCollection.Connect ssh(InitRequest request) {
        Path home = Path.of(System.getProperty("user.home"));
        Path identity = request.identityFile().orElse(home.resolve(".ssh/id_ed25519"));
        Path knownHosts = request.knownHosts().orElse(home.resolve(".ssh/known_hosts"));
        Optional<JumpHost> jump = request.jumpHost().map(j -> {
            try {
                return JumpHost.parse(j, request.sshUser());
            } catch (IllegalArgumentException e) {
                throw new UsageException("--jump-host " + j + ": " + e.getMessage());
            }
        });
        return host -> {
            SshSettings.Builder b = SshSettings.builder(host, identity, knownHosts)
                    .address(host)
                    .port(SshConfig.DEFAULT_PORT)
                    .user(request.sshUser())
                    .become(SshConfig.defaultBecome(request.sshUser()))
                    .connectTimeout(SshConfig.DEFAULT_CONNECT_TIMEOUT)
                    .commandTimeout(SshConfig.DEFAULT_COMMAND_TIMEOUT)
                    .acceptNewHostKeys(request.acceptNewHostKeys());
            jump.ifPresent(b::jump);
            return SshConnector.connect(b.build());
        };
    }

    /**
     * Gathers every host, writes the inventory for those that answered and returns what was found.
     * Nothing is written when no host answered.
     */
    public static InitResult run(InitRequest request, FactsCollection.Connect connect, FanoutListener listener, Instant now) {
        checkOut(request);
        List<HostSurvey> surveys = new ArrayList<>();
        for (HostOutcome<CaptureBundle> o : FactsCollection.gatherBundles(request.hosts(), connect, request.parallel(),
                Optional.empty(), listener)) {
            surveys.add(o.ok() ? HostSurvey.of(o.host(), o.value()) : HostSurvey.unreachable(o.host(), o.error()));
        }
        return write(request, surveys, now);
    }

    /** The inventory for hosts already surveyed, written to {@code request.out()} when any host answered. */
    static InitResult write(InitRequest request, List<HostSurvey> surveys, Instant now) {
        List<HardwareGroup> groups = HardwareGroup.of(surveys);
        if (groups.isEmpty()) {
            return new InitResult(surveys, groups, Optional.empty(), List.of(), Optional.empty());
        }
        List<GatheredHost> reachable = surveys.stream().filter(HostSurvey::reachable)
                .map(s -> GatheredHost.of(s.host(), s.facts())).toList();
        InitInventoryText.Rendered rendered = InitInventoryText.render(request, surveys, groups, ProfileFit.of(reachable), now);
        writeFile(request, rendered.text());
        return new InitResult(surveys, groups, Optional.of(rendered.text()), rendered.todos(), Optional.of(request.out()));
    }

    private static void writeFile(InitRequest request, String text) {
        InventoryFile.write(request.out(), text, request.force(), "init");
    }
}
