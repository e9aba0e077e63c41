package dev.aistorctl.playbooks;

import dev.aistorctl.core.InvalidConfigException;
import dev.aistorctl.core.config.Suggestion;
import dev.aistorctl.playbooks.drives.DriveMounts;
import dev.aistorctl.playbooks.drives.XfsDrives;
import dev.aistorctl.playbooks.drives.XfsErrorRetries;
import dev.aistorctl.playbooks.node.DataDirectories;
import dev.aistorctl.playbooks.node.EmptyDataDirectories;
import dev.aistorctl.playbooks.node.NodeBinary;
import dev.aistorctl.playbooks.node.NodeConfigFiles;
import dev.aistorctl.playbooks.node.ServiceAccount;
import dev.aistorctl.playbooks.node.SystemdService;
import dev.aistorctl.playbooks.tune.BlockQueueScheduler;
import dev.aistorctl.playbooks.tune.BootloaderIommu;
import dev.aistorctl.playbooks.tune.CpuGovernor;
import dev.aistorctl.playbooks.tune.LinkMtu;
import dev.aistorctl.playbooks.tune.OpenFileLimit;
import dev.aistorctl.playbooks.tune.SwapOff;
import dev.aistorctl.playbooks.tune.SysctlSetting;
import dev.aistorctl.playbooks.tune.TransparentHugePages;
import dev.aistorctl.playbooks.steps.FileContent;
import dev.aistorctl.playbooks.steps.Reachable;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Step types by the name playbooks use after {@code step:}. */
public final class StepRegistry {
    private final Map<String, StepFactory> factories = new TreeMap<>();

    /** An empty registry, for tests that register fake steps. */
    public StepRegistry() {
    }

    /** Every step type aistorctl ships. Add a step type here with one line. */
    public static StepRegistry builtIn() {
        return new StepRegistry()
                .register(Reachable.TYPE, Reachable::fromParams)
                .register(FileContent.TYPE, FileContent::fromParams)
                .register(SysctlSetting.TYPE, SysctlSetting::fromParams)
                .register(CpuGovernor.TYPE, CpuGovernor::fromParams)
                .register(TransparentHugePages.TYPE, TransparentHugePages::fromParams)
                .register(BlockQueueScheduler.TYPE, BlockQueueScheduler::fromParams)
                .register(OpenFileLimit.TYPE, OpenFileLimit::fromParams)
                .register(LinkMtu.TYPE, LinkMtu::fromParams)
                .register(SwapOff.TYPE, SwapOff::fromParams)
                .register(BootloaderIommu.TYPE, BootloaderIommu::fromParams)
                .register(ServiceAccount.TYPE, ServiceAccount::fromParams)
                .register(DataDirectories.TYPE, DataDirectories::fromParams)
                .register(EmptyDataDirectories.TYPE, EmptyDataDirectories::fromParams)
                .register(NodeBinary.TYPE, NodeBinary::fromParams)
                .register(NodeConfigFiles.TYPE, NodeConfigFiles::fromParams)
                .register(SystemdService.TYPE, SystemdService::fromParams)
                .register(XfsDrives.TYPE, XfsDrives::fromParams)
                .register(DriveMounts.TYPE, DriveMounts::fromParams)
                .register(XfsErrorRetries.TYPE, XfsErrorRetries::fromParams);
    }

    public StepRegistry register(String type, StepFactory factory) {
        if (factories.putIfAbsent(type, factory) != null) {
            throw new IllegalStateException("step type '" + type + "' is registered twice");
        }
        return this;
    }

    public Set<String> types() {
        return factories.keySet();
    }

    public boolean has(String type) {
        return factories.containsKey(type);
    }

    /** Builds a step; an unknown type names the location and the closest known type. */
    public Step create(String type, StepParams params) {
        StepFactory factory = factories.get(type);
        if (factory == null) {
            String hint = Suggestion.closest(type, factories.keySet()).map(s -> "; did you mean '" + s + "'?")
                    .orElse("; known step types: " + String.join(", ", factories.keySet()));
            throw new InvalidConfigException(params.where() + ": unknown step type '" + type + "'" + hint);
        }
        return factory.create(params);
    }
}
