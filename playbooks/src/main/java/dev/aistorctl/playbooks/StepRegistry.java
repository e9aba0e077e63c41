package dev.aistorctl.playbooks;

import dev.aistorctl.core.InvalidConfigException;
import dev.aistorctl.inventory.Suggestion;
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
                .register(dev.aistorctl.playbooks.tune.SysctlSetting.TYPE, dev.aistorctl.playbooks.tune.SysctlSetting::fromParams)
                .register(dev.aistorctl.playbooks.tune.CpuGovernor.TYPE, dev.aistorctl.playbooks.tune.CpuGovernor::fromParams)
                .register(dev.aistorctl.playbooks.tune.TransparentHugePages.TYPE, dev.aistorctl.playbooks.tune.TransparentHugePages::fromParams)
                .register(dev.aistorctl.playbooks.tune.BlockQueueScheduler.TYPE, dev.aistorctl.playbooks.tune.BlockQueueScheduler::fromParams)
                .register(dev.aistorctl.playbooks.tune.OpenFileLimit.TYPE, dev.aistorctl.playbooks.tune.OpenFileLimit::fromParams)
                .register(dev.aistorctl.playbooks.tune.LinkMtu.TYPE, dev.aistorctl.playbooks.tune.LinkMtu::fromParams)
                .register(dev.aistorctl.playbooks.node.ServiceAccount.TYPE, dev.aistorctl.playbooks.node.ServiceAccount::fromParams)
                .register(dev.aistorctl.playbooks.node.DataDirectories.TYPE, dev.aistorctl.playbooks.node.DataDirectories::fromParams)
                .register(dev.aistorctl.playbooks.node.NodeBinary.TYPE, dev.aistorctl.playbooks.node.NodeBinary::fromParams)
                .register(dev.aistorctl.playbooks.node.NodeConfigFiles.TYPE, dev.aistorctl.playbooks.node.NodeConfigFiles::fromParams)
                .register(dev.aistorctl.playbooks.node.SystemdService.TYPE, dev.aistorctl.playbooks.node.SystemdService::fromParams);
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
